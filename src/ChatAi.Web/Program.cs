using ChatAi.Core;
using ChatAi.Web;
using ChatAi.Web.BlazorScript;
using ChatAi.Web.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddChatAiCore();
builder.AddChatAiWeb();

var app = builder.Build();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapBlazorScriptWorkaround();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapHealthChecks("/healthz");

app.Run();

public partial class Program;
