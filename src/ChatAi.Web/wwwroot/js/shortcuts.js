// Keyboard shortcuts for the whole app (listed in Components/Layout/ShortcutsDialog.razor). They act on
// the page's own controls, so each does exactly what clicking that control does.
let installed = false;

export function install() {
    if (installed) return;
    installed = true;
    document.addEventListener("keydown", e => {
        const ctrl = e.ctrlKey || e.metaKey;
        if (e.key === "Escape" && e.shiftKey) {
            const box = document.querySelector("textarea.composer-input");
            if (box && !box.disabled) { e.preventDefault(); box.focus(); }
        } else if (e.key === "Escape" && document.querySelector(".mud-dialog")) {
            // A dialog with a close button closes on Esc wherever the focus is.
            const close = document.querySelector(".mud-dialog .mud-button-close");
            if (close && !e.defaultPrevented) { e.preventDefault(); close.click(); }
        } else if (e.key === "Escape" && !document.querySelector(".mud-popover-open")) {
            const stop = document.querySelector(".stop-button");
            if (stop) { e.preventDefault(); stop.click(); }
        } else if (ctrl && e.shiftKey && (e.key === "O" || e.key === "o")) {
            const button = document.querySelector(".new-chat-button");
            if (button) { e.preventDefault(); button.click(); }
        } else if (ctrl && !e.shiftKey && (e.key === "k" || e.key === "K")) {
            const button = document.querySelector(".search-button");
            if (button) { e.preventDefault(); button.click(); }
        } else if (ctrl && e.key === "/") {
            const button = document.querySelector(".shortcuts-button");
            if (button) { e.preventDefault(); button.click(); }
        }
    });
}
