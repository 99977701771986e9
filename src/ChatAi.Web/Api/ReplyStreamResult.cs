using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using ChatAi.Core.Chats;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>
/// A reply as Server-Sent Events: <c>delta</c> events with the new text, then one <c>done</c> or
/// <c>error</c>. Every event is flushed at once. The reply runs on the server, so the stream only
/// watches it — but a client that disconnects stops it, keeping the partial text as <c>stopped</c>.
/// </summary>
internal sealed class ReplyStreamResult(ReplyService replies, Generation generation) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // tell nginx-style proxies not to buffer either
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var aborted = context.RequestAborted;
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watch = generation.Watch(() => changed.Writer.TryWrite(true));
        using var stopOnDisconnect = aborted.Register(StopIfStillRunning);
        var delivered = false;
        try
        {
            await response.StartAsync(aborted);
            var offset = 0;
            while (true)
            {
                var finished = generation.IsFinished; // read before the text, so the last words are not missed
                var text = generation.TextFrom(offset);
                if (text.Length > 0)
                {
                    offset += text.Length;
                    await WriteEventAsync(response, "delta", new DeltaEvent(text), json, aborted);
                }
                if (finished) break;
                await changed.Reader.ReadAsync(aborted);
            }
            var outcome = await generation.Completion.WaitAsync(aborted);
            if (outcome.Error is { } error)
                await WriteEventAsync(response, "error", new ErrorEvent(ChatErrorStatus.Of(error.Kind), error.Message, outcome.Message.Id), json, aborted);
            else
                await WriteEventAsync(response, "done", new DoneEvent(outcome.Message.Id, WireNames.Status(outcome.Message.Status),
                    TokenUsageDto.From(outcome.Message)), json, aborted);
            delivered = true;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            // Also here, not only in the abort callback: this method can wake from the cancelled read and dispose
            // that callback's registration before the token gets round to running it.
            if (!delivered) StopIfStillRunning();
        }
    }

    /// <summary>Runs inside the server's abort callback, so it must not throw.</summary>
    private void StopIfStillRunning()
    {
        try
        {
            if (replies.FindGeneration(generation.UserId, generation.ChatId) == generation) replies.Stop(generation.UserId, generation.ChatId);
        }
        catch (Exception e) when (e is ObjectDisposedException or AggregateException or InvalidOperationException)
        {
            // The generation ended or the app is stopping: nothing left to stop.
        }
    }

    private static async Task WriteEventAsync<T>(HttpResponse response, string name, T data, JsonSerializerOptions json, CancellationToken ct)
    {
        var payload = $"event: {name}\ndata: {JsonSerializer.Serialize(data, json)}\n\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(payload), ct);
        await response.Body.FlushAsync(ct);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(DeltaEvent), ["text/event-stream"]));
}

/// <summary><c>event: delta</c> — text appended to the reply.</summary>
public sealed record DeltaEvent(string Text);

/// <summary><c>event: done</c> — the reply is stored (<c>status</c> is <c>complete</c>, or <c>truncated</c>/<c>stopped</c>).</summary>
public sealed record DoneEvent([property: JsonPropertyName("message_id")] long MessageId, string Status, TokenUsageDto? Usage);

/// <summary><c>event: error</c> — the reply failed; <c>status</c> is the HTTP status a JSON request would have got.</summary>
public sealed record ErrorEvent(int Status, string Error, [property: JsonPropertyName("message_id")] long MessageId);
