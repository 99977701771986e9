using ChatAi.Core.Providers.Gemini;
using ChatAi.Core.Providers.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAi.Core.Providers;

public static class ProviderServiceExtensions
{
    /// <summary>The OpenTelemetry source and meter the model-call spans and metrics come from.</summary>
    public const string TelemetrySourceName = "ChatAi.Models";

    /// <summary>Setting that lets model-call spans carry prompts and replies (off: never do this with real users' chats).</summary>
    public const string SensitiveTelemetrySetting = "ChatAi:Telemetry:EnableSensitiveData";

    /// <summary>
    /// Registers <see cref="ProviderOptions"/>, the <see cref="ModelCatalog"/>, and one <see cref="IChatClient"/>
    /// per provider, keyed by its catalog id, each built as the same pipeline: OpenTelemetry (GenAI semantic
    /// conventions), then <see cref="ResilientChatClient"/>, then the provider's own client. Configuration is
    /// read when first resolved, so sources added later (tests, .env) still count.
    /// </summary>
    public static IServiceCollection AddModelProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ProviderOptions.FromConfiguration(configuration));
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelClients>();
        // One HttpClient for both providers: redirects off, connect timeout, no response buffering.
        services.AddKeyedSingleton(nameof(ProviderHttp), (sp, _) => ProviderHttp.CreateClient(sp.GetRequiredService<ProviderOptions>().Timeouts));
        AddPipeline(services, configuration, ModelCatalog.OpenAI, OpenAiChatClient.Name, OpenAiChatClient.Create);
        AddPipeline(services, configuration, ModelCatalog.Gemini, GeminiChatClient.Name, GeminiChatClient.Create);
        return services;
    }

    private static void AddPipeline(
        IServiceCollection services, IConfiguration configuration, string id, string name, Func<ProviderOptions, HttpClient, IChatClient> create) =>
        services.AddKeyedChatClient(id, sp => create(
                sp.GetRequiredService<ProviderOptions>(), sp.GetRequiredKeyedService<HttpClient>(nameof(ProviderHttp))))
            .UseOpenTelemetry(sourceName: TelemetrySourceName,
                configure: telemetry => telemetry.EnableSensitiveData = configuration.GetValue(SensitiveTelemetrySetting, false))
            .Use((inner, sp) => new ResilientChatClient(inner, name, sp.GetRequiredService<ProviderOptions>(), Logger(sp, id)));

    // Logging is normally registered by the host; a bare container (a tool, a test) still works without it.
    private static ILogger Logger(IServiceProvider services, string id) =>
        services.GetService<ILoggerFactory>()?.CreateLogger($"ChatAi.Core.Providers.{id}") ?? NullLogger.Instance;
}

/// <summary>The model client of a provider in the <see cref="ModelCatalog"/>.</summary>
public sealed class ModelClients(IServiceProvider services)
{
    public IChatClient For(string providerId) => services.GetRequiredKeyedService<IChatClient>(providerId);
}
