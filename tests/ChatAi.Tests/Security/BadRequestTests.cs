using System.Net;
using System.Net.Http.Json;
using ChatAi.Core.Chats;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Security;

/// <summary>What a client gets wrong answers 400 (never a 500); ids and hosts nobody may own are refused.</summary>
public sealed class BadRequestTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("Europe")] // a folder under /usr/share/zoneinfo
    [InlineData("posix")]
    [InlineData("right")]
    [InlineData("../../etc/passwd")]
    public async Task AFolderOrPathForATimeZoneIsA400AndTheSidebarIgnoresIt(string zone)
    {
        var caller = await api.SignInAsync();
        using (var byQuery = await caller.Http.GetAsync($"/todays_chat/?tz={Uri.EscapeDataString(zone)}"))
            Assert.Equal(HttpStatusCode.BadRequest, byQuery.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/seven_days_chat/");
        request.Headers.Add("X-Timezone", zone);
        using (var byHeader = await caller.Http.SendAsync(request))
            Assert.Equal(HttpStatusCode.BadRequest, byHeader.StatusCode);
        // The sidebar hands the browser's zone to ChatService: an unknown one is ignored, not thrown.
        Assert.False(await api.App.Zones.SetUserTimeZoneAsync(caller.Id, zone));
    }

    [Fact]
    public async Task TheAllZeroUuidNeverBecomesAChat()
    {
        var caller = await api.SignInAsync();
        using (var prompt = await caller.Http.PromptAsync("openai", Guid.Empty, "mine now"))
            Assert.Equal(HttpStatusCode.BadRequest, prompt.StatusCode);
        await ChatsApiTests.AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { id = Guid.Empty }), 400);
        await ChatsApiTests.AssertProblemAsync(await caller.Http.PostJsonAsync($"/api/chats/{Guid.Empty}/messages", new { content = "x" }), 400);
        using (var read = await caller.Http.GetAsync($"/get_chat_messages/{Guid.Empty}/"))
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        // The UI's paths go through the same rule.
        var send = await Assert.ThrowsAsync<ChatException>(() => api.App.Replies.SendAsync(caller.Id, Guid.Empty, "x", createChat: true));
        Assert.Equal(ChatErrorKind.Validation, send.Kind);
        var add = await Assert.ThrowsAsync<ChatException>(() => api.App.Chats.AddUserMessageAsync(caller.Id, Guid.Empty, "x", createChat: true));
        Assert.Equal(ChatErrorKind.Validation, add.Kind);
        await using var db = api.App.CreateDbContext();
        Assert.False(await db.Chats.AnyAsync(c => c.Id == Guid.Empty));
    }

    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryTokenIsA400()
    {
        using var response = await api.Anonymous().PostAsync("/Account/Logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DownloadingPersonalDataNeedsTheFormsAntiforgeryToken()
    {
        var email = TestUsers.NewEmail("download");
        await api.App.CreateUserAsync(email);
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using (var login = await IdentityForms.LoginAsync(browser, email, TestUsers.Password))
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using (var forged = await browser.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string>())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.DoesNotContain("Authenticator Key", await forged.Content.ReadAsStringAsync());
        }

        using var page = await browser.GetAsync("/Account/Manage/PersonalData");
        var form = IdentityForms.HiddenInputs(await page.Content.ReadAsStringAsync());
        using var download = await browser.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("Authenticator Key", await download.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://attacker.example/")]
    [InlineData("//attacker.example/")]
    [InlineData("/\\attacker.example/")]
    [InlineData("http://[not-a-host/")]
    public async Task ABadReturnUrlAfterASuccessfulSignInGoesHomeInsteadOfFailing(string returnUrl)
    {
        var email = TestUsers.NewEmail("return");
        await api.App.CreateUserAsync(email);
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using var response = await IdentityForms.PostAsync(browser, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.DoesNotContain("attacker", location.OriginalString);
        Assert.True(!location.IsAbsoluteUri || location.Host == new Uri(api.RootUrl).Host, location.OriginalString);
    }

    [Fact]
    public async Task TheErrorPageItselfAnswers()
    {
        using var get = await api.Anonymous().GetAsync("/Error");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var post = await api.Anonymous().PostAsync("/Error", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.True((int)post.StatusCode < 500, $"POST /Error: {(int)post.StatusCode}");
    }

    [Fact]
    public async Task AHostThatIsNotAllowedIsRefusedBeforeAnyRedirectIsBuiltFromIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/chat/{Guid.NewGuid()}");
        request.Headers.Host = "attacker.example";
        using var response = await api.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
