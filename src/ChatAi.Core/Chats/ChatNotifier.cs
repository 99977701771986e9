using System.Collections.Concurrent;

namespace ChatAi.Core.Chats;

/// <summary>
/// In-process change notifications so open circuits (sidebars, chat panes, other tabs) refresh
/// when a chat changes anywhere in this instance.
/// </summary>
public sealed class ChatNotifier
{
    private readonly ConcurrentDictionary<string, Subscribers> _topics = new();

    public IDisposable OnChatListChanged(string userId, Func<Task> handler) => Subscribe("u:" + userId, handler);
    public IDisposable OnChatChanged(Guid chatId, Func<Task> handler) => Subscribe("c:" + chatId.ToString("N"), handler);

    public void ChatListChanged(string userId) => Publish("u:" + userId);
    public void ChatChanged(Guid chatId) => Publish("c:" + chatId.ToString("N"));

    private IDisposable Subscribe(string topic, Func<Task> handler)
    {
        var subscribers = _topics.GetOrAdd(topic, _ => new Subscribers());
        lock (subscribers) subscribers.Handlers.Add(handler);
        return new Subscription(() =>
        {
            lock (subscribers) subscribers.Handlers.Remove(handler);
        });
    }

    private void Publish(string topic)
    {
        if (!_topics.TryGetValue(topic, out var subscribers)) return;
        Func<Task>[] handlers;
        lock (subscribers) handlers = [.. subscribers.Handlers];
        foreach (var handler in handlers)
            _ = Task.Run(async () =>
            {
                try { await handler(); }
                catch (Exception) { /* a subscriber's failure (closed circuit) must not affect the publisher */ }
            });
    }

    private sealed class Subscribers
    {
        public List<Func<Task>> Handlers { get; } = [];
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
