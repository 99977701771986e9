using ChatAi.Core.Providers;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatAi.Web;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP — only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// without it nothing is registered. The exporter reads the standard <c>OTEL_*</c> settings (protocol,
/// headers, <c>OTEL_SERVICE_NAME</c>, batch delay, metric interval) from configuration.
/// </summary>
internal static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddChatAiTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting])) return builder;

        var otel = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
            otel.ConfigureResource(resource => resource.AddService("ChatAi"));
        otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // SQL text only: parameter values (messages, titles) are left out by default, and must stay so.
                .AddEntityFrameworkCoreInstrumentation()
                // Model calls with the GenAI semantic conventions (see ProviderServiceExtensions).
                .AddSource(ProviderServiceExtensions.TelemetrySourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(ProviderServiceExtensions.TelemetrySourceName))
            .UseOtlpExporter();
        return builder;
    }
}
