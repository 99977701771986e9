using System.Net;
using System.Net.Http.Json;
using ChatAi.Core.Data;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatAi.Tests.Security;

/// <summary>In the Production environment a server error shows neither the exception nor a stack trace, on a page or in the API.</summary>
public sealed class ProductionErrorTests
{
    private const string Marker = "Kaboom-4471 in the mail relay";

    [Fact]
    public async Task AnUnhandledExceptionShowsAPlainErrorPageAndAPlainApi500()
    {
        using var app = new ChatAiApplication();
        using var production = app.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .ConfigureTestServices(services => services.AddSingleton<IEmailSender<ApplicationUser>, ExplodingEmailSender>()));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        // Registering sends a confirmation mail, which throws here: the API's 500 is a sentence, nothing more.
        using var api = await client.PostAsJsonAsync("/api/auth/register", new { email = TestUsers.NewEmail(), password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        AssertNoDetails(await api.Content.ReadAsStringAsync());

        // The same through the form: the exception handler's error page.
        using var page = await IdentityForms.RegisterAsync(client, TestUsers.NewEmail());
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("An error occurred while processing your request", html);
        AssertNoDetails(html);

        Assert.False(production.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    private static void AssertNoDetails(string body)
    {
        Assert.DoesNotContain(Marker, body);
        Assert.DoesNotContain(nameof(ExplodingEmailSender), body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain(".cs:line", body);
    }

    private sealed class ExplodingEmailSender : IEmailSender<ApplicationUser>
    {
        public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) => throw new InvalidOperationException(Marker);
        public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) => throw new InvalidOperationException(Marker);
        public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) => throw new InvalidOperationException(Marker);
    }
}
