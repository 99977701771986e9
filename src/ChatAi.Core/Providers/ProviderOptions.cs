using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ChatAi.Core.Providers;

/// <summary>
/// Everything the model providers read from configuration. Keys and base URLs come from the
/// conventional root variables (<c>OPENAI_API_KEY</c>, <c>GEMINI_BASE_URL</c>, …); model lists,
/// timeouts and retries from the section <c>ChatAi:Providers</c>.
/// </summary>
public sealed class ProviderOptions
{
    public const string SectionName = "ChatAi:Providers";

    public ProviderEndpointOptions OpenAI { get; init; } = new()
    {
        BaseUrl = "https://api.openai.com/v1",
        Models = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"],
        DefaultModel = "gpt-4o-mini",
    };

    public ProviderEndpointOptions Gemini { get; init; } = new()
    {
        BaseUrl = "https://generativelanguage.googleapis.com",
        Models = ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite"],
        DefaultModel = "gemini-2.5-flash",
    };

    public ProviderTimeoutOptions Timeouts { get; init; } = new();
    public ProviderRetryOptions Retry { get; init; } = new();

    /// <summary>Reads the options; a malformed value fails fast with the key to fix (never its value).</summary>
    public static ProviderOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new ProviderOptions();
        return new ProviderOptions
        {
            OpenAI = ReadEndpoint(configuration, section.GetSection("OpenAI"), defaults.OpenAI, "OPENAI_API_KEY", "OPENAI_BASE_URL"),
            Gemini = ReadEndpoint(configuration, section.GetSection("Gemini"), defaults.Gemini, "GEMINI_API_KEY", "GEMINI_BASE_URL"),
            Timeouts = new ProviderTimeoutOptions
            {
                Connect = Seconds(section, "Timeouts:ConnectSeconds", defaults.Timeouts.Connect),
                FirstToken = Seconds(section, "Timeouts:FirstTokenSeconds", defaults.Timeouts.FirstToken),
                Idle = Seconds(section, "Timeouts:IdleSeconds", defaults.Timeouts.Idle),
            },
            Retry = new ProviderRetryOptions
            {
                MaxRetries = Integer(section, "Retry:MaxRetries", defaults.Retry.MaxRetries),
                MaxRetryAfter = Seconds(section, "Retry:MaxRetryAfterSeconds", defaults.Retry.MaxRetryAfter, allowZero: true),
                BaseBackoff = Seconds(section, "Retry:BaseBackoffSeconds", defaults.Retry.BaseBackoff, allowZero: true),
            },
        };
    }

    private static ProviderEndpointOptions ReadEndpoint(
        IConfiguration root, IConfigurationSection section, ProviderEndpointOptions defaults, string keyVariable, string urlVariable)
    {
        var baseUrl = NonEmpty(root[urlVariable]) ?? NonEmpty(section["BaseUrl"]) ?? defaults.BaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new InvalidOperationException($"{urlVariable} must be an absolute http(s) URL.");

        var models = section.GetSection("Models").GetChildren()
            .Select(child => NonEmpty(child.Value))
            .OfType<string>()
            .ToList();
        // A single comma-separated value is friendlier in an environment variable than Models__0, Models__1.
        if (models.Count == 0 && NonEmpty(section["Models"]) is { } list)
            models = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (models.Count == 0) models = [.. defaults.Models];

        var defaultModel = NonEmpty(section["DefaultModel"]) ?? (models.Contains(defaults.DefaultModel) ? defaults.DefaultModel : models[0]);
        if (!models.Contains(defaultModel)) models.Insert(0, defaultModel);

        return new ProviderEndpointOptions
        {
            ApiKey = NonEmpty(root[keyVariable]),
            BaseUrl = baseUrl.TrimEnd('/'),
            Models = models,
            DefaultModel = defaultModel,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan Seconds(IConfigurationSection section, string key, TimeSpan fallback, bool allowZero = false)
    {
        if (NonEmpty(section[key]) is not { } text) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && (seconds > 0 || (allowZero && seconds == 0)) && seconds <= 86_400)
            return TimeSpan.FromSeconds(seconds);
        throw new InvalidOperationException($"{SectionName}:{key} must be a number of seconds between 0 and 86400.");
    }

    private static int Integer(IConfigurationSection section, string key, int fallback)
    {
        if (NonEmpty(section[key]) is not { } text) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 10)
            return value;
        throw new InvalidOperationException($"{SectionName}:{key} must be a whole number between 0 and 10.");
    }
}

public sealed class ProviderEndpointOptions
{
    /// <summary>Secret: never log it or put it in a message.</summary>
    public string? ApiKey { get; init; }
    public required string BaseUrl { get; init; }
    public required IReadOnlyList<string> Models { get; init; }
    public required string DefaultModel { get; init; }

    public override string ToString() => $"{BaseUrl} (key {(ApiKey is null ? "missing" : "set")})";
}

public sealed class ProviderTimeoutOptions
{
    /// <summary>TCP connect to the provider.</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From sending the request to the first streamed chunk (models may think for a while).</summary>
    public TimeSpan FirstToken { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest silence between two chunks once the reply has started.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed class ProviderRetryOptions
{
    /// <summary>Extra attempts after the first; only before the first text was streamed.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Cap on any wait, however long the provider's retry-after asks for.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>First backoff when the provider gives no retry-after; doubles per attempt.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(0.5);
}
