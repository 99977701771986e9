// Applies the remembered light/dark theme before the first paint, and exposes the toggle.
(function () {
    const key = "chatai-theme";
    function apply(theme) {
        document.documentElement.dataset.theme = theme;
        const link = document.getElementById("radzen-theme");
        if (link) link.href = "_content/Radzen.Blazor/css/" + (theme === "dark" ? "material-dark-base.css" : "material-base.css");
    }
    const saved = localStorage.getItem(key);
    apply(saved === "dark" || saved === "light" ? saved : (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
    window.chatAiTheme = {
        toggle() {
            const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
            localStorage.setItem(key, next);
            apply(next);
            return next;
        },
        current: () => document.documentElement.dataset.theme,
        timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone
    };
})();
