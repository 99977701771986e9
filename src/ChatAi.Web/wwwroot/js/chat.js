// Chat pane behaviour that belongs in the browser: follow the newest text unless the reader scrolled
// up, and copy buttons for whole messages and for code blocks. A message's own text (its markdown) is not
// in the page: the copy button asks the page's .NET side for it (`messages.invokeMethodAsync("MessageText",
// id)`), so a reply is not sent over the circuit a second time in an attribute.
// Attaching twice to the same pane returns the first attachment: two click handlers would race over a
// button's label and leave it saying "Copied".
const attached = new WeakMap();

export function attach(scroller, messages) {
    if (attached.has(scroller)) return attached.get(scroller);
    let follow = true;
    let placedAt = null; // where this script last put the pane
    const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    const onScroll = () => { follow = nearBottom(); };
    const toBottom = () => { scroller.scrollTop = scroller.scrollHeight; placedAt = scroller.scrollTop; };
    // A scroll event arrives a frame after the reader moves the pane, but new text can land before it: a pane that is
    // no longer where this script put it, and not at the bottom, was moved by the reader, so stop following now.
    const readerMovedIt = () => placedAt !== null && Math.abs(scroller.scrollTop - placedAt) > 1 && !nearBottom();
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
        if (follow && readerMovedIt()) follow = false;
        if (follow) toBottom();
    });
    observer.observe(scroller, { childList: true, subtree: true, characterData: true });
    const onClick = async e => {
        const button = e.target.closest(".copy-message, .copy-code");
        if (!button) return;
        try {
            if (button.classList.contains("copy-code")) {
                await navigator.clipboard.writeText(
                    (button.parentElement.querySelector("code") ?? button.parentElement).innerText.replace(/^Copy\n?/, ""));
            } else {
                const id = Number(button.closest("[data-message-id]")?.dataset.messageId);
                await writeLater(messages.invokeMethodAsync("MessageText", id));
            }
            flash(button, "Copied");
        } catch { flash(button, "Copy failed"); }
    };
    scroller.addEventListener("click", onClick);
    addCodeButtons();
    toBottom();
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

// Puts text that is still on its way on the clipboard. A ClipboardItem takes the promise at once, inside the
// click's user activation (Safari requires that); writeText after the await covers browsers without it.
async function writeLater(pending) {
    if (window.ClipboardItem?.supports?.("text/plain")) {
        const blob = pending.then(text => {
            if (typeof text !== "string") throw new Error("No such message");
            return new Blob([text], { type: "text/plain" });
        });
        await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
        return;
    }
    const text = await pending;
    if (typeof text !== "string") throw new Error("No such message");
    await navigator.clipboard.writeText(text);
}

// Shows the outcome on the button for a moment, then its label again (a second click restarts the moment).
function flash(button, text) {
    button.textContent = text;
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(() => { button.textContent = "Copy"; }, 1200);
}
