namespace ChatAi.Tests.Browser;

/// <summary>
/// WCAG 2 contrast of an element's text against what is really behind it, from Chromium's computed styles:
/// backgrounds of the element and its ancestors are composited (alpha included), and ancestors' opacity fades the text.
/// </summary>
public static class Contrast
{
    public const string Script = """
        (el) => {
            const parse = c => {
                let m = c.match(/^rgba?\(([^)]+)\)/);
                if (m) { const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
                m = c.match(/^color\(srgb ([^)]+)\)/);
                if (m) { const p = m[1].split(/[\s\/]+/).filter(Boolean).map(Number); return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1]; }
                throw new Error("unknown colour " + c);
            };
            const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
            const layers = [];
            let opacity = 1;
            for (let n = el; n; n = n.parentElement) {
                const style = getComputedStyle(n);
                opacity *= Number(style.opacity);
                const b = parse(style.backgroundColor);
                if (b[3] > 0 && layers.every(l => l[3] < 1)) layers.push(b);
            }
            let bg = [255, 255, 255, 1];
            for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
            const text = parse(getComputedStyle(el).color);
            const fg = over([text[0], text[1], text[2], text[3] * opacity], bg);
            const lum = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
            const a = lum(fg), b = lum(bg);
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;
}
