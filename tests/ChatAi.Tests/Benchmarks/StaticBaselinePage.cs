using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Figure 9's baseline, mapped only in the benchmark host: a tiny static HTML page (with the app's own
/// stylesheet) answered by the same app, through the same middleware and routing, with no Blazor and no
/// circuit. Its marker (<c>#bench-static</c>) and the <c>load</c> event say it is ready.
/// </summary>
public sealed class StaticBaselinePage : IStartupFilter
{
    public const string Path = "/bench-static";

    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><title>Static · ChatAi</title><link rel="stylesheet" href="/app.css" /></head>
        <body><main id="bench-static"><p>A static page.</p><textarea aria-label="Message"></textarea></main></body>
        </html>
        """;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        // As in RawSqlEndpoints: join the app's own route table.
        var routes = (app.Properties.TryGetValue("__EndpointRouteBuilder", out var value) ? value : null) as IEndpointRouteBuilder
            ?? throw new InvalidOperationException("The benchmark host could not reach the app's endpoint route builder (__EndpointRouteBuilder).");
        routes.MapGet(Path, () => Results.Content(Html, "text/html; charset=utf-8"));
    };
}
