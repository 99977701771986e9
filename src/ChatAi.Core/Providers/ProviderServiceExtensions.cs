using ChatAi.Core.Providers.Gemini;
using ChatAi.Core.Providers.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAi.Core.Providers;

public static class ProviderServiceExtensions
{
    /// <summary>
    /// Registers <see cref="ProviderOptions"/>, OpenAI and Gemini as <see cref="IModelProvider"/> singletons
    /// (OpenAI first), and <see cref="ModelProviderRegistry"/>. Configuration is read when first resolved,
    /// so sources added later (tests, .env) still count.
    /// </summary>
    public static IServiceCollection AddModelProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ProviderOptions.FromConfiguration(configuration));
        services.AddSingleton<IModelProvider>(sp => new OpenAiProvider(
            sp.GetRequiredService<ProviderOptions>(), Logger<OpenAiProvider>(sp)));
        services.AddSingleton<IModelProvider>(sp => new GeminiProvider(
            sp.GetRequiredService<ProviderOptions>(), Logger<GeminiProvider>(sp)));
        services.AddSingleton<ModelProviderRegistry>();
        return services;
    }

    // Logging is normally registered by the host; a bare container (a tool, a test) still works without it.
    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
