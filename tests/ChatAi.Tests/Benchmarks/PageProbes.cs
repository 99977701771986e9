namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Scripts the measured page runs itself, so timings come from the page's own clock
/// (<c>performance.now()</c>) and "painted" means the first animation frame that shows the change.
/// </summary>
public static class PageProbes
{
    /// <summary>
    /// Init script: counts the bytes of every WebSocket message the page receives (the circuit's traffic) in
    /// <c>__wsBytes</c>, and logs each as <c>[reply text shown before it, reply text shown after it, bytes]</c> in
    /// <c>__wsLog</c> (-1 when no streaming reply shows). This listener runs before Blazor's; "after" is read once
    /// Blazor has applied the message.
    /// </summary>
    public const string CountWebSocketBytes = """
        (() => {
          const Native = window.WebSocket;
          const shown = () => {
            const text = document.querySelector('article.message-assistant.streaming .message-markdown');
            return text ? text.textContent.length : -1;
          };
          window.__wsBytes = 0;
          window.__wsLog = [];
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', e => {
                const d = e.data;
                const bytes = typeof d === 'string' ? new TextEncoder().encode(d).length : (d.byteLength ?? d.size ?? 0);
                const entry = [shown(), -1, bytes];
                window.__wsBytes += bytes;
                window.__wsLog.push(entry);
                setTimeout(() => { entry[1] = shown(); }, 0);
              });
            }
          };
        })();
        """;

    /// <summary>
    /// Arms one measurement (read it with <c>() =&gt; window.__probe</c>): the click on Send (capturing listener)
    /// starts it; it ends at the first frame in which a new assistant reply shows text, streaming or already
    /// complete (a reply faster than one render shows up complete). Milliseconds from click to that frame; NaN after 30 s.
    /// </summary>
    public const string ArmClickToFirstTokenPainted = """
        () => { window.__probe = new Promise(resolve => {
          const replies = () => document.querySelectorAll('article.message-assistant .message-markdown');
          const before = replies().length;
          let clicked = null;
          document.addEventListener('click', e => {
            if (clicked === null && e.target.closest('.composer-send')) clicked = performance.now();
          }, { capture: true });
          setTimeout(() => resolve(NaN), 30000);
          const frame = () => {
            const now = replies();
            if (clicked !== null && now.length > before && now[now.length - 1].textContent.length > 0) { resolve(performance.now() - clicked); return; }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }); }
        """;

    /// <summary>
    /// Navigates inside the circuit to <c>url</c> and resolves with milliseconds until the first frame in which the
    /// message <c>lastId</c> is in the viewport (the chat scrolled to its end).
    /// </summary>
    public const string NavigateUntilMessageVisible = """
        ([url, lastId]) => new Promise(resolve => {
          const start = performance.now();
          const frame = () => {
            const el = document.querySelector(`article[data-message-id="${lastId}"]`);
            if (el) {
              const r = el.getBoundingClientRect();
              if (r.bottom > 0 && r.top < window.innerHeight) { resolve(performance.now() - start); return; }
            }
            requestAnimationFrame(frame);
          };
          setTimeout(() => resolve(NaN), 60000);
          Blazor.navigateTo(url);
          requestAnimationFrame(frame);
        })
        """;

    /// <summary>Init script: records the first frame (ms since navigation start) in which at least 30 sidebar chats show.</summary>
    public const string SidebarPainted = """
        (() => {
          window.__sidebarAt = null;
          const frame = () => {
            if (document.querySelectorAll('.sidebar .chat-item').length >= 30) { window.__sidebarAt = performance.now(); return; }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        })();
        """;

    /// <summary>
    /// Init script: records in <c>__readyAt</c> the first frame (ms since navigation start) in which the page is
    /// usable: the chat composer's textarea enabled (Composer.razor keeps it <c>disabled</c>, "Loading…", until
    /// the circuit is interactive), or, on figure 9's static baseline, its marker shown after <c>load</c>.
    /// </summary>
    public const string PageReady = """
        (() => {
          window.__readyAt = null;
          const ready = () => document.querySelector('textarea.composer-input:not([disabled])') !== null
            || (document.readyState === 'complete' && document.getElementById('bench-static') !== null);
          const frame = () => {
            if (ready()) { window.__readyAt = performance.now(); return; }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        })();
        """;
}
