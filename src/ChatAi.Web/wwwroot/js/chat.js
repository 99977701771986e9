// Chat pane behaviour that belongs in the browser: follow the newest text unless the reader scrolled
// up, and copy buttons for whole messages and for code blocks.
export function attach(scroller) {
    let follow = true;
    const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    scroller.addEventListener("scroll", () => { follow = nearBottom(); }, { passive: true });
    const addCodeButtons = () => {
        for (const pre of scroller.querySelectorAll(".message-markdown pre:not([data-copy])")) {
            pre.dataset.copy = "1";
            const button = document.createElement("button");
            button.type = "button";
            button.className = "copy-code";
            button.textContent = "Copy";
            pre.prepend(button);
        }
    };
    const observer = new MutationObserver(() => {
        addCodeButtons();
        if (follow) scroller.scrollTop = scroller.scrollHeight;
    });
    observer.observe(scroller, { childList: true, subtree: true, characterData: true });
    scroller.addEventListener("click", async e => {
        const button = e.target.closest(".copy-message, .copy-code");
        if (!button) return;
        const text = button.classList.contains("copy-code")
            ? (button.parentElement.querySelector("code") ?? button.parentElement).innerText.replace(/^Copy\n?/, "")
            : button.dataset.copyText;
        try {
            await navigator.clipboard.writeText(text);
            const label = button.textContent;
            button.textContent = "Copied";
            setTimeout(() => { button.textContent = label; }, 1200);
        } catch { button.textContent = "Copy failed"; }
    });
    addCodeButtons();
    scroller.scrollTop = scroller.scrollHeight;
    return { dispose: () => observer.disconnect() };
}
