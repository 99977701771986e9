using ChatAi.Core;
using ChatAi.Web;
using ChatAi.Web.Api;
using ChatAi.Web.Components;
using ChatAi.Web.Components.Layout;

var builder = WebApplication.CreateBuilder(args);
builder.AddChatAiCore();
builder.AddChatAiWeb();
builder.AddChatAiApi();
builder.AddChatAiTelemetry(); // OpenTelemetry over OTLP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set

var app = builder.Build();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseChatAiApi(); // API paths: JSON errors, CORS, Swagger UI
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter(); // after authorization, which sets the API caller the limits are per
app.UseAntiforgery();

app.MapStaticAssets();
app.MapThemeStylesheet(); // the MudBlazor theme as one cached stylesheet (Components/Layout/ThemeStylesheet.cs)
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapChatAiApi();
app.MapHealthChecks("/healthz");

app.Run();

public partial class Program;
