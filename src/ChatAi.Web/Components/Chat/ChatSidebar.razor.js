// Loads the next page of chats when the end of the list scrolls into view; re-checks after each page
// so a short list keeps loading until it fills the sidebar. Also tells the sidebar when a chat's link is followed
// (one listener for the list instead of a handler on every row), and gives a cut-off title its tooltip when the
// pointer reaches it (rows carry no title attribute: fewer render-tree frames per row, bench figure 6).
export function observe(sentinel, root, dotnet) {
    root.addEventListener("mouseover", e => {
        const link = e.target.closest?.(".chat-item-link");
        const title = link?.querySelector(".chat-item-title");
        if (!title) return;
        if (title.scrollWidth > title.clientWidth) link.title = title.textContent;
        else link.removeAttribute("title");
    });
    root.addEventListener("click", e => {
        if (e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.target.closest?.(".chat-item-link"))
            dotnet.invokeMethodAsync("ChatChosenAsync").catch(() => { });
    });
    const observer = new IntersectionObserver(entries => {
        if (!entries.some(e => e.isIntersecting)) return;
        dotnet.invokeMethodAsync("LoadMoreAsync").then(more => {
            if (more) { observer.unobserve(sentinel); observer.observe(sentinel); }
        }).catch(() => { });
    }, { root: root, rootMargin: "200px" });
    observer.observe(sentinel);
}
