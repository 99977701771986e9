// Brings a search result's message into view and marks it for a moment (ChatPage with ?message=<id>). The pane
// first scrolls to its newest message (js/chat.js), so this holds the target in view for a few frames, until the
// reader scrolls on their own.
export async function reveal(id) {
    const selector = `.chat-scroll [data-message-id="${Number(id)}"]`;
    let target = null;
    for (let i = 0; i < 300 && !(target = document.querySelector(selector)); i++) await frame();
    if (!target) return false;
    const scroller = target.closest(".chat-scroll");
    let userScrolled = false;
    const stop = () => { userScrolled = true; };
    for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) scroller?.addEventListener(type, stop, { once: true, passive: true });
    target.classList.add("search-target");
    for (let i = 0; i < 20 && !userScrolled; i++) {
        target.scrollIntoView({ block: "center" });
        await frame();
    }
    setTimeout(() => target.classList.remove("search-target"), 4000);
    return true;
}

const frame = () => new Promise(r => requestAnimationFrame(r));
