using System.Net;

namespace ChatAi.Core.Providers;

internal static class ProviderHttp
{
    /// <summary>The body of an error reply we read at most; enough for any provider's error JSON.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// The HttpClient both providers talk through. Redirects are not followed, so a hostile or
    /// misconfigured base URL cannot bounce the API key to another host. Timeouts other than connect
    /// are ours (<see cref="StreamWatchdog"/>), because HttpClient.Timeout would cut a long reply.
    /// </summary>
    public static HttpClient CreateClient(ProviderTimeoutOptions timeouts)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = timeouts.Connect,
            UseCookies = false,
            // No Accept-Encoding: a compressing proxy could otherwise hold back streamed chunks.
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // An abandoned stream must close its connection at once (the provider stops generating,
            // and a test can observe the disconnect) instead of being drained for reuse.
            MaxResponseDrainSize = 0,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of an error reply; a body that never ends is not our problem.</summary>
    public static async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            total += read;
        }
        return buffer[..total];
    }

    /// <summary>Provider text shown to users, shortened, with the key cut out should a provider ever echo it.</summary>
    public static string Sanitize(string? providerMessage, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(providerMessage)) return "";
        var text = providerMessage.Trim();
        if (!string.IsNullOrEmpty(apiKey)) text = text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
