// Loads earlier messages when the top of a long chat comes near, keeping what the reader sees in place.
export function observe(sentinel, dotnet) {
    const scroller = sentinel.closest(".chat-scroll");
    if (!scroller) return { dispose() { } };
    let busy = false;
    const load = async () => {
        if (busy) return;
        busy = true;
        const fromBottom = scroller.scrollHeight - scroller.scrollTop;
        const before = scroller.scrollHeight;
        try {
            await dotnet.invokeMethodAsync("LoadAsync");
            // The new messages arrive in a render batch of their own: wait for the pane to grow, then hold the view.
            for (let i = 0; i < 120 && scroller.scrollHeight === before; i++) await new Promise(r => requestAnimationFrame(r));
            scroller.scrollTop = scroller.scrollHeight - fromBottom;
        } catch { }
        finally { busy = false; }
    };
    const observer = new IntersectionObserver(entries => {
        if (entries.some(e => e.isIntersecting)) load().then(() => { observer.unobserve(sentinel); if (sentinel.isConnected) observer.observe(sentinel); });
    }, { root: scroller, rootMargin: "600px 0px 0px 0px" });
    // Only once the pane has been scrolled to its newest message (js/chat.js does that on attach).
    requestAnimationFrame(() => observer.observe(sentinel));
    return { dispose: () => observer.disconnect() };
}
