using System.Text;
using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

/// <summary>
/// One reply being generated on the server. It belongs to no page: viewers (chat panes in any tab,
/// SSE clients) watch it and may come and go; it ends only when the model finishes, fails or is stopped.
/// </summary>
public sealed class Generation
{
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();
    private readonly List<Action> _watchers = [];
    private readonly TaskCompletionSource<GenerationOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Generation(string userId, Guid chatId, long messageId, string provider, string model)
    {
        UserId = userId;
        ChatId = chatId;
        MessageId = messageId;
        Provider = provider;
        Model = model;
    }

    public string UserId { get; }
    public Guid ChatId { get; }
    public long MessageId { get; }
    public string Provider { get; }
    public string Model { get; }

    /// <summary>The chat's instructions and parameters as they were when the reply started (ReplyOptions).</summary>
    internal ChatSettings Settings { get; init; } = ChatSettings.None;
    internal CancellationTokenSource Cancellation { get; } = new();
    internal MessageStatus? StopAs { get; private set; }

    /// <summary>Completes when the reply is stored in its final state.</summary>
    public Task<GenerationOutcome> Completion => _done.Task;
    public bool IsFinished => _done.Task.IsCompleted;

    public string Text
    {
        get { lock (_gate) return _text.ToString(); }
    }

    public int Length
    {
        get { lock (_gate) return _text.Length; }
    }

    /// <summary>Text from <paramref name="offset"/> on (what a watcher has not seen yet).</summary>
    public string TextFrom(int offset)
    {
        lock (_gate) return offset >= _text.Length ? "" : _text.ToString(offset, _text.Length - offset);
    }

    /// <summary>Called after every change and once at the end; handlers must be quick and not throw.</summary>
    public IDisposable Watch(Action changed)
    {
        lock (_gate) _watchers.Add(changed);
        return new Unwatch(this, changed);
    }

    internal void Append(string delta)
    {
        // NUL is no text a person wrote, and PostgreSQL refuses it in text columns.
        if (delta.Contains('\0')) delta = delta.Replace("\0", "");
        lock (_gate) _text.Append(delta);
        Notify();
    }

    private readonly PeriodicTimer _heartbeat = new(TimeSpan.FromSeconds(1));

    internal async Task<bool> HeartbeatTickAsync()
    {
        try { return await _heartbeat.WaitForNextTickAsync(); }
        catch (ObjectDisposedException) { return false; }
    }

    internal void StopHeartbeat() => _heartbeat.Dispose();

    internal void Stop(MessageStatus status)
    {
        StopAs ??= status;
        Cancellation.Cancel();
    }

    internal void Finish(GenerationOutcome outcome)
    {
        _done.TrySetResult(outcome);
        Notify();
    }

    private void Notify()
    {
        Action[] watchers;
        lock (_gate) watchers = [.. _watchers];
        foreach (var watcher in watchers)
        {
            try { watcher(); }
            catch (Exception) { /* a broken viewer must not break the generation */ }
        }
    }

    private sealed class Unwatch(Generation generation, Action changed) : IDisposable
    {
        public void Dispose()
        {
            lock (generation._gate) generation._watchers.Remove(changed);
        }
    }
}

/// <summary>
/// How a reply ended: the stored message, and for failures (see <see cref="ReplyEnding"/>) the error the APIs
/// answer with; null when there is a reply to show (complete, truncated or stopped).
/// </summary>
public sealed record GenerationOutcome(Message Message, ChatException? Error);
