using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ChatAi.Core.Providers.Gemini;

/// <summary>
/// A small typed client for <c>streamGenerateContent?alt=sse</c>. The key travels only in the
/// <c>x-goog-api-key</c> header, never in the URL, so it cannot leak into logs of URLs.
/// </summary>
internal sealed class GeminiClient(HttpClient http, ProviderEndpointOptions endpoint)
{
    /// <summary>Yields each streamed chunk; HTTP errors and in-stream error events throw <see cref="ModelProviderException"/>.</summary>
    public async IAsyncEnumerable<GeminiResponse> StreamGenerateContentAsync(
        string model, GeminiRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var apiKey = endpoint.ApiKey ?? throw new InvalidOperationException("Gemini has no API key.");
        var url = $"{endpoint.BaseUrl}/v1beta/models/{Uri.EscapeDataString(model)}:streamGenerateContent?alt=sse";
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, GeminiJsonContext.Default.GeminiRequest)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        message.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw await ErrorAsync(response, apiKey, model, cancellationToken).ConfigureAwait(false);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            throw new ModelProviderException(ProviderErrorKind.MalformedResponse, $"Gemini answered with '{mediaType}' instead of an event stream.");

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var sse in SseReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                // Gemini has no [DONE]; tolerate one from a proxy in front of it.
                if (sse.Data == "[DONE]") continue;
                var chunk = JsonSerializer.Deserialize(sse.Data, GeminiJsonContext.Default.GeminiResponse)
                    ?? throw new JsonException("Gemini sent an empty event.");
                if (chunk.Error is { } error) throw GeminiErrors.FromStreamedError(error, apiKey, model);
                yield return chunk;
            }
        }
    }

    private static async Task<ModelProviderException> ErrorAsync(HttpResponseMessage response, string apiKey, string model, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        GeminiError? error = null;
        if (status is < 300 or >= 400)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
                error = GeminiErrors.Parse(await ProviderHttp.ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        var retryAfter = RetryDelays.FromHeaders(null, response.Headers.TryGetValues("retry-after", out var values) ? values.FirstOrDefault() : null, DateTimeOffset.UtcNow);
        return GeminiErrors.FromStatus(status, error, retryAfter, apiKey, model);
    }
}
