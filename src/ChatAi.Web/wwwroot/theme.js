// Keeps the theme cookies current so server-rendered pages (the account pages too) paint in the right theme:
// the reader's choice (light/dark/system) and what the system prefers. Also tells the app the browser's time zone.
(function () {
    const year = 60 * 60 * 24 * 365;
    const setCookie = (name, value) => { document.cookie = `${name}=${value}; path=/; max-age=${year}; samesite=lax`; };
    const system = matchMedia("(prefers-color-scheme: dark)");
    const saveSystem = () => setCookie("chatai-system-dark", system.matches ? "1" : "0");
    saveSystem();
    system.addEventListener("change", saveSystem);
    window.chatAiTheme = {
        save(mode, dark) {
            setCookie("chatai-theme", mode);
            document.documentElement.dataset.theme = dark ? "dark" : "light";
        },
        // The page's title in a circuit (Layout/DocumentTitle.razor): no HeadOutlet in every circuit.
        setTitle(title) { document.title = title; },
        mark(dark) { document.documentElement.dataset.theme = dark ? "dark" : "light"; },
        // Tells the app (a DotNetObjectReference) when the system switches between light and dark, and answers
        // what it prefers now: one call, so no switch can fall between reading the preference and watching it.
        watchSystem(dotnet) {
            const changed = e => dotnet.invokeMethodAsync("SystemDarkChanged", e.matches).catch(() => system.removeEventListener("change", changed));
            system.addEventListener("change", changed);
            // Called once per circuit, when the page turns interactive: marks a live page apart from a prerendered one.
            document.documentElement.dataset.circuit = "live";
            return system.matches;
        },
        // The zone the reader chose in Settings, else the browser's.
        timeZone: () => localStorage.getItem("chatai-time-zone") || Intl.DateTimeFormat().resolvedOptions().timeZone,
        detectedTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
        chooseTimeZone(zone) { if (zone) localStorage.setItem("chatai-time-zone", zone); else localStorage.removeItem("chatai-time-zone"); },
        defaultModel: () => localStorage.getItem("chatai-default-model"),
        setDefaultModel(value) { if (value) localStorage.setItem("chatai-default-model", value); else localStorage.removeItem("chatai-default-model"); }
    };
})();
