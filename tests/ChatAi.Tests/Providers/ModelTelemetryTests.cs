using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ChatAi.Tests.Providers;

/// <summary>Model calls exported over OTLP with the GenAI conventions, and never the prompt, the reply or a key.</summary>
public sealed class ModelTelemetryTests
{
    private const string Prompt = "Plan my secret trip to Zanzibar-4417";

    [Theory]
    [InlineData("openai", "gpt-4o")]
    [InlineData("gemini", "gemini-2.5-pro")]
    public async Task AModelCallIsExportedAsAGenAiSpanWithoutThePromptOrTheKey(string provider, string model)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var fakes = await FakeProviders.StartAsync();
        using var app = fakes.CreateApp(extra: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        var userId = await app.CreateUserAsync(TestUsers.NewEmail());

        var generation = await app.Replies.SendAsync(userId, Guid.NewGuid(), Prompt, new ModelChoice(provider, model), createChat: true);
        var outcome = await generation.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(MessageStatus.Complete, outcome.Message.Status);
        Assert.Contains(Prompt, outcome.Message.Content, StringComparison.Ordinal); // the fake echoes it: the reply carries it too
        Assert.True(await receiver.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(30), "gen_ai.request.model", model, "gen_ai.usage.input_tokens"),
            "no span of the model call arrived");
        Assert.True(await receiver.WaitForAsync("/v1/metrics", TimeSpan.FromSeconds(30), "gen_ai.client.operation.duration"),
            "no model-call duration metric arrived");
        Assert.False(receiver.AnyContains("Zanzibar"), "the prompt or the reply was exported");
        Assert.False(receiver.AnyContains("CANARY"), "a key was exported");
    }

    [Fact]
    public void WithoutAnEndpointNothingIsRegistered()
    {
        using var app = new ChatAiApplication();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }
}
