using System.ComponentModel.DataAnnotations;

namespace ChatAi.Web.Api;

/// <summary>Section <c>ChatAi:Api</c>: how the JSON APIs admit callers.</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "ChatAi:Api";

    /// <summary>Single-user local mode: unauthenticated loopback requests act as this user (created if missing). Empty = off.</summary>
    public string? LocalUserEmail { get; set; }

    public bool LocalModeOn => !string.IsNullOrWhiteSpace(LocalUserEmail);

    /// <summary>
    /// Local mode's own listener, on loopback only: <c>http://localhost:{port}</c>. Credential-less requests act as the
    /// local user there and nowhere else. 8000 is where the original back end listened, so its front ends work unchanged.
    /// </summary>
    [Range(1, 65_535)]
    public int LocalModePort { get; set; } = 8000;
}

/// <summary>Section <c>Cors</c>: the browser origins (SPAs) allowed to call the APIs with credentials.</summary>
internal sealed class ApiCorsOptions
{
    public const string SectionName = "Cors";
    public static readonly string[] DefaultOrigins = ["http://localhost:5173", "http://localhost:5174", "http://localhost:5175"];

    /// <summary>Explicit origins such as <c>http://localhost:5173</c>; empty means the defaults.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IReadOnlyList<string> Origins => AllowedOrigins.Length == 0 ? DefaultOrigins : AllowedOrigins;

    /// <summary>The first problem with the configured origins, in words that name the key to fix; null when fine.</summary>
    public string? Problem()
    {
        foreach (var origin in Origins)
        {
            if (origin.Trim() == "*")
                return "Cors:AllowedOrigins must not contain \"*\": the API allows credentials (cookies, bearer tokens), so list each " +
                       "origin explicitly, for example http://localhost:5173.";
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                return $"Cors:AllowedOrigins entry '{origin}' is not an origin; use scheme://host[:port] without a path, for example http://localhost:5173.";
        }
        return null;
    }
}
