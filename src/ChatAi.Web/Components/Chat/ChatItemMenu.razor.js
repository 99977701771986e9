// The sidebar's shared ⋯ menu: placed under (or above) the row's button inside the sidebar, first item focused,
// arrows move between items, Esc closes and gives focus back to the button; a click elsewhere, Tab or the list
// scrolling closes it.
export function show(menu, dotnet) {
    hide(menu);
    const row = document.querySelector(`.chat-item[data-chat-id="${menu.dataset.chatId}"]`);
    const trigger = row?.querySelector(".chat-item-menu");
    const host = menu.offsetParent;
    if (trigger && host) {
        const t = trigger.getBoundingClientRect(), h = host.getBoundingClientRect();
        const below = h.bottom - t.bottom >= menu.offsetHeight + 8;
        menu.style.top = `${(below ? t.bottom + 2 : t.top - menu.offsetHeight - 2) - h.top}px`;
        menu.style.right = `${Math.max(4, h.right - t.right)}px`;
    }
    const items = [...menu.querySelectorAll("[role=menuitem]")];
    items[0]?.focus();
    const close = refocus => {
        hide(menu);
        if (refocus) trigger?.focus();
        dotnet.invokeMethodAsync("CloseAsync").catch(() => { });
    };
    const onKey = e => {
        const i = items.indexOf(document.activeElement);
        const move = to => { e.preventDefault(); items[(to + items.length) % items.length]?.focus(); };
        if (e.key === "ArrowDown") move(i + 1);
        else if (e.key === "ArrowUp") move(i - 1);
        else if (e.key === "Home") move(0);
        else if (e.key === "End") move(items.length - 1);
        else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close(true); }
        else if (e.key === "Tab") close(false);
    };
    const onPointer = e => { if (!menu.contains(e.target) && !trigger?.contains(e.target)) close(false); };
    const list = row?.closest(".chat-list");
    const onScroll = () => close(false);
    menu.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer, true);
    list?.addEventListener("scroll", onScroll, { passive: true });
    menu.__chatMenuCleanup = () => {
        menu.removeEventListener("keydown", onKey);
        document.removeEventListener("pointerdown", onPointer, true);
        list?.removeEventListener("scroll", onScroll);
        menu.__chatMenuCleanup = null;
    };
}

export function hide(menu) {
    menu?.__chatMenuCleanup?.();
}
