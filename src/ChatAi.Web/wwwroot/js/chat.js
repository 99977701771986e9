// Chat pane behaviour that belongs in the browser: follow the newest text unless the reader scrolled
// up, and copy buttons for whole messages and for code blocks.
// Attaching twice to the same pane returns the first attachment: two click handlers would race over a
// button's label and leave it saying "Copied".
const attached = new WeakMap();

export function attach(scroller) {
    if (attached.has(scroller)) return attached.get(scroller);
    let follow = true;
    const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    const onScroll = () => { follow = nearBottom(); };
    scroller.addEventListener("scroll", onScroll, { passive: true });
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
    const onClick = async e => {
        const button = e.target.closest(".copy-message, .copy-code");
        if (!button) return;
        const text = button.classList.contains("copy-code")
            ? (button.parentElement.querySelector("code") ?? button.parentElement).innerText.replace(/^Copy\n?/, "")
            : button.dataset.copyText;
        try {
            await navigator.clipboard.writeText(text);
            flash(button, "Copied");
        } catch { flash(button, "Copy failed"); }
    };
    scroller.addEventListener("click", onClick);
    addCodeButtons();
    scroller.scrollTop = scroller.scrollHeight;
    const attachment = {
        dispose: () => {
            observer.disconnect();
            scroller.removeEventListener("scroll", onScroll);
            scroller.removeEventListener("click", onClick);
            attached.delete(scroller);
        },
    };
    attached.set(scroller, attachment);
    return attachment;
}

// Shows the outcome on the button for a moment, then its label again (a second click restarts the moment).
function flash(button, text) {
    button.textContent = text;
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(() => { button.textContent = "Copy"; }, 1200);
}
