using System.Text;
using Bunit;
using ChatAi.Web.Components.Chat;
using Microsoft.JSInterop;

namespace ChatAi.Tests.Web.Components;

/// <summary>The composer's states: not yet usable while prerendering, empty, sending, refused (too long) and accepted.</summary>
public sealed class ComposerTests : ComponentTestContext
{
    private const string Module = "./Components/Chat/Composer.razor.js";

    private sealed class TextStream(string text) : IJSStreamReference
    {
        public long Length => Encoding.UTF8.GetByteCount(text);
        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            Length > maxAllowedSize ? throw new InvalidOperationException("too long") : ValueTask.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private BunitJSModuleInterop TypeInto(string text)
    {
        var module = JSInterop.SetupModule(Module);
        module.Mode = JSRuntimeMode.Loose;
        module.Setup<IJSStreamReference>("takeText", _ => true).SetResult(new TextStream(text));
        return module;
    }

    [Fact]
    public void WhilePrerenderingTheBoxIsVisiblyNotUsable()
    {
        Interactive(false);
        var cut = Render<Composer>(p => p.Add(c => c.OnSend, _ => Task.FromResult(true)));
        var box = cut.Find("textarea.composer-input");
        Assert.True(box.HasAttribute("disabled"));
        Assert.Equal("Loading…", box.GetAttribute("placeholder"));
        Assert.Contains("composer-loading", cut.Find("form").ClassName);
        Assert.True(cut.Find("button.composer-send").HasAttribute("disabled"));
    }

    [Fact]
    public void OnALiveCircuitTheBoxIsUsableAndSendStartsDisabledUntilThereIsText()
    {
        Interactive(true);
        var module = TypeInto("");
        var cut = Render<Composer>(p => p.Add(c => c.OnSend, _ => Task.FromResult(true)));
        var box = cut.Find("textarea.composer-input");
        Assert.False(box.HasAttribute("disabled"));
        Assert.StartsWith("Message ChatAi", box.GetAttribute("placeholder"));
        Assert.Equal("Message", box.GetAttribute("aria-label"));
        Assert.True(cut.Find("button.composer-send").HasAttribute("disabled"));
        Assert.Equal("Send", cut.Find("button.composer-send").GetAttribute("aria-label"));
        module.VerifyInvoke("attach");
    }

    [Fact]
    public async Task AnEmptyBoxSendsNothing()
    {
        Interactive(true);
        TypeInto("");
        var sent = new List<string>();
        var cut = Render<Composer>(p => p.Add(c => c.OnSend, t => { sent.Add(t); return Task.FromResult(true); }));
        await cut.InvokeAsync(cut.Instance.SubmitAsync);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task AnAcceptedMessageIsSentExactlyAndTheBoxCleared()
    {
        Interactive(true);
        var module = TypeInto("  two lines\nof text ");
        var sent = new List<string>();
        var cut = Render<Composer>(p => p.Add(c => c.OnSend, t => { sent.Add(t); return Task.FromResult(true); }));
        await cut.InvokeAsync(cut.Instance.SubmitAsync);
        Assert.Equal(["  two lines\nof text "], sent);
        module.VerifyInvoke("clear");
    }

    [Fact]
    public async Task WhileSendingASecondSubmitIsIgnored()
    {
        Interactive(true);
        TypeInto("hello");
        var release = new TaskCompletionSource<bool>();
        var calls = 0;
        var cut = Render<Composer>(p => p.Add(c => c.OnSend, _ => { calls++; return release.Task; }));
        var first = cut.InvokeAsync(cut.Instance.SubmitAsync);
        await cut.InvokeAsync(cut.Instance.SubmitAsync);
        release.SetResult(true);
        await first;
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ARefusedMessageStaysInTheBoxWithTheReasonShown()
    {
        Interactive(true);
        var module = TypeInto("way too long");
        var cut = Render<Composer>(p => p
            .Add(c => c.OnSend, _ => Task.FromResult(false))
            .Add(c => c.Error, "Messages can be at most 32000 characters."));
        await cut.InvokeAsync(cut.Instance.SubmitAsync);
        Assert.Empty(module.Invocations["clear"]);
        Assert.Contains("at most 32000 characters", cut.Find(".composer-error[role=alert]").TextContent);
    }

    [Fact]
    public async Task TextFarOverTheLimitIsRefusedWithTheLimitAndNotSent()
    {
        Interactive(true);
        TypeInto(new string('x', 100));
        var sent = 0;
        var cut = Render<Composer>(p => p.Add(c => c.OnSend, _ => { sent++; return Task.FromResult(true); }).Add(c => c.MaxChars, 10));
        await cut.InvokeAsync(cut.Instance.SubmitAsync);
        Assert.Equal(0, sent);
        Assert.Contains("at most 10 characters", cut.Find(".composer-error").TextContent);
    }
}
