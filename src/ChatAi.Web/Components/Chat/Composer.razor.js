// Composer behaviour that must not wait for the server: Enter sends, Shift+Enter breaks the line,
// the Send button follows whether there is text, and the box grows with its content.
export function attach(input, dotnet) {
    const button = input.form.querySelector(".composer-send");
    const count = input.form.querySelector(".composer-count");
    const max = Number(input.dataset.maxChars) || Infinity;
    const update = () => {
        button.disabled = input.value.trim().length === 0;
        // Nothing is cut: an over-long message stays in the box with the limit shown.
        const over = input.value.length > max;
        count.textContent = input.value.length > max * 0.9 ? `${input.value.length.toLocaleString()} / ${max.toLocaleString()}` : "";
        count.classList.toggle("over", over);
        input.style.height = "auto";
        input.style.height = Math.min(input.scrollHeight, 240) + "px";
    };
    input.addEventListener("input", update);
    input.addEventListener("keydown", e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            if (!button.disabled) dotnet.invokeMethodAsync("SubmitAsync");
        }
    });
    update();
    input.focus();
}

// Returned as bytes: Blazor hands them to .NET as a stream, so a long paste does not hit SignalR's message-size limit.
export function takeText(input) {
    return new TextEncoder().encode(input.value.trim().length === 0 ? "" : input.value);
}

export function clear(input) {
    input.value = "";
    input.dispatchEvent(new Event("input"));
    input.focus();
}
