namespace ChatAi.Tests.Fakes;

/// <summary>One request a fake server received, and what became of its connection.</summary>
public sealed class RecordedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body)
{
    private readonly TaskCompletionSource<DateTimeOffset> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Method { get; } = method;
    public string Path { get; } = path;

    /// <summary>The raw query string including the leading <c>?</c>, or empty.</summary>
    public string Query { get; } = query;

    /// <summary>Header names are case-insensitive; repeated headers are joined with <c>, </c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    public string Body { get; } = body;
    public DateTimeOffset ReceivedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>When the client went away before the fake finished its reply, if it did.</summary>
    public DateTimeOffset? ClientDisconnectedAt => _disconnected.Task.IsCompleted ? _disconnected.Task.Result : null;

    /// <summary>True once the fake's scenario ran to its end (normally or by aborting).</summary>
    public bool Finished { get; private set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Waits until the client disconnected; false if it did not within the timeout.</summary>
    public async Task<bool> WaitForDisconnectAsync(TimeSpan timeout)
    {
        var winner = await Task.WhenAny(_disconnected.Task, Task.Delay(timeout));
        return winner == _disconnected.Task;
    }

    internal void MarkDisconnected() => _disconnected.TrySetResult(DateTimeOffset.UtcNow);

    internal void MarkFinished() => Finished = true;

    public override string ToString() => $"{Method} {Path}{Query}";
}
