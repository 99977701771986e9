using System.Text;
using System.Text.Json;

namespace ChatAi.Tests.Api;

public sealed record SseEvent(string Name, JsonElement Data);

/// <summary>Reads Server-Sent Events one at a time from a response body, as a browser's EventSource would.</summary>
public sealed class SseEvents(Stream body)
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken ct = default)
    {
        string name = "message";
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length == 0) continue;
                return new SseEvent(name, JsonDocument.Parse(data.ToString()).RootElement.Clone());
            }
            if (line.StartsWith(':')) continue;
            if (line.StartsWith("event:")) name = line[6..].Trim();
            else if (line.StartsWith("data:")) data.Append(line[5..].TrimStart());
        }
        return null;
    }

    public async Task<List<SseEvent>> ReadAllAsync(CancellationToken ct = default)
    {
        var events = new List<SseEvent>();
        while (await NextAsync(ct) is { } e) events.Add(e);
        return events;
    }
}
