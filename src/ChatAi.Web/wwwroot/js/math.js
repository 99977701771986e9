// Typesets the math in rendered markdown with KaTeX, served from this app (lib/katex). The server's renderer
// (Rendering/MarkdownRenderer.cs) emits the TeX as escaped text: <span class="math">\(…\)</span> inline,
// <span class="math math-display">\[…\]</span> or <div class="math">\[…\]</div> displayed. A mutation observer
// typesets every such element once, including those that appear while a reply streams in.
// KaTeX builds HTML from the TeX and never runs it: trust is off (no \href, \url, \htmlClass …), macros expand
// a bounded number of times, sizes are capped, and a formula KaTeX cannot parse is shown as its source.
import "../lib/katex/katex.min.js";

const katex = window.katex;
const pending = "span.math:not([data-typeset]), div.math:not([data-typeset])";

function typeset(element) {
    const source = element.textContent.trim();
    const display = element.tagName === "DIV" || element.classList.contains("math-display") || source.startsWith("\\[");
    const tex = /^\\[([]/.test(source) && /\\[)\]]$/.test(source) ? source.slice(2, -2) : source;
    element.dataset.typeset = "1";
    // While a reply streams, a formula may be half written: keep its source until it parses.
    const streaming = element.closest(".streaming") !== null;
    try {
        katex.render(tex, element, { displayMode: display, throwOnError: streaming, trust: false, strict: "ignore", maxSize: 20, maxExpand: 500, output: "htmlAndMathml" });
    } catch {
        // KaTeX throws before it touches the element, so its source still shows; try again when the reply grows.
        delete element.dataset.typeset;
    }
}

let scheduled = false;
function typesetAll() {
    scheduled = false;
    for (const element of document.querySelectorAll(pending)) typeset(element);
}

function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(typesetAll);
}

if (katex) {
    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
    schedule();
}
