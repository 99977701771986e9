// Loads the next page of chats when the end of the list scrolls into view; re-checks after each page
// so a short list keeps loading until it fills the sidebar.
export function observe(sentinel, root, dotnet) {
    const observer = new IntersectionObserver(entries => {
        if (!entries.some(e => e.isIntersecting)) return;
        dotnet.invokeMethodAsync("LoadMoreAsync").then(more => {
            if (more) { observer.unobserve(sentinel); observer.observe(sentinel); }
        }).catch(() => { });
    }, { root: root, rootMargin: "200px" });
    observer.observe(sentinel);
}
