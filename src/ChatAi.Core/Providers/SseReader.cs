using System.Runtime.CompilerServices;
using System.Text;

namespace ChatAi.Core.Providers;

/// <param name="EventType">The <c>event:</c> field, or <c>message</c> when absent.</param>
/// <param name="Data">The <c>data:</c> lines joined with <c>\n</c>.</param>
internal sealed record SseEvent(string EventType, string Data, string? Id);

/// <summary>
/// A server-sent-events parser after the WHATWG rules: LF, CRLF and bare CR line endings (Gemini uses
/// CRLF, OpenAI LF), comment/keep-alive lines, multi-line data, and events cut at any byte by the
/// network. Lines are decoded only once complete, so a UTF-8 character split across reads survives.
/// </summary>
internal static class SseReader
{
    /// <summary>A line longer than this is not a chat chunk; stop rather than buffer without bound.</summary>
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    // Invalid bytes become U+FFFD rather than failing the whole stream; the JSON parser judges the rest.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Yields complete events. At end of stream an unterminated event is dropped, as the spec says.</summary>
    public static async IAsyncEnumerable<SseEvent> ReadAsync(
        Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        int maxLineBytes = DefaultMaxLineBytes)
    {
        var buffer = new byte[16 * 1024];
        var line = new MemoryStream();
        var data = new StringBuilder();
        var hasData = false;
        string? eventType = null;
        string? lastId = null;
        var previousWasCr = false;
        var firstLine = true;

        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0) yield break;

            var start = 0;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b != (byte)'\r' && b != (byte)'\n')
                {
                    previousWasCr = false;
                    continue;
                }

                // The LF of a CRLF whose CR ended the previous line (possibly in the previous read).
                if (b == (byte)'\n' && previousWasCr && i == start && line.Length == 0)
                {
                    previousWasCr = false;
                    start = i + 1;
                    continue;
                }

                previousWasCr = b == (byte)'\r';
                Append(line, buffer.AsSpan(start, i - start), maxLineBytes);
                start = i + 1;

                var text = Decode(line, ref firstLine);
                line.SetLength(0);
                if (text.Length == 0)
                {
                    if (hasData)
                    {
                        var payload = data.ToString(0, data.Length - 1);
                        yield return new SseEvent(eventType ?? "message", payload, lastId);
                    }
                    data.Clear();
                    hasData = false;
                    eventType = null;
                    continue;
                }

                ApplyField(text, data, ref hasData, ref eventType, ref lastId);
            }
            Append(line, buffer.AsSpan(start, read - start), maxLineBytes);
        }
    }

    private static void ApplyField(string text, StringBuilder data, ref bool hasData, ref string? eventType, ref string? lastId)
    {
        if (text[0] == ':') return;
        var colon = text.IndexOf(':');
        var field = colon < 0 ? text : text[..colon];
        var value = colon < 0 ? "" : text[(colon + 1)..];
        if (value.StartsWith(' ')) value = value[1..];

        switch (field)
        {
            case "data":
                data.Append(value).Append('\n');
                hasData = true;
                break;
            case "event":
                eventType = value;
                break;
            case "id" when !value.Contains('\0'):
                lastId = value;
                break;
        }
    }

    private static void Append(MemoryStream line, ReadOnlySpan<byte> bytes, int maxLineBytes)
    {
        if (line.Length + bytes.Length > maxLineBytes)
            throw new InvalidDataException($"A server-sent event line exceeded {maxLineBytes} bytes.");
        line.Write(bytes);
    }

    private static string Decode(MemoryStream line, ref bool firstLine)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (firstLine)
        {
            firstLine = false;
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        }
        return Utf8.GetString(bytes);
    }
}
