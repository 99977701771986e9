using System.Net;
using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Security;

/// <summary>The Identity form pages driven over plain HTTP, as a script (or an attacker) would: GET the form, POST it back.</summary>
public static partial class IdentityForms
{
    /// <summary>GETs <paramref name="path"/>, then posts its form (hidden fields included) with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields)
    {
        using var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = HiddenInputs(await page.Content.ReadAsStringAsync());
        foreach (var (name, value) in fields) form[name] = value;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        PostAsync(client, "/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = TestUsers.Password) =>
        PostAsync(client, "/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });

    /// <summary>The text of the page's status alert (the login page's "Invalid login attempt" message), or null.</summary>
    public static string? Alert(string html) =>
        AlertPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;

    public static Dictionary<string, string> HiddenInputs(string html) =>
        InputTag().Matches(html).Select(m => m.Value).Where(tag => tag.Contains("type=\"hidden\""))
            .Select(tag => (Name: Attribute(tag, "name"), Value: Attribute(tag, "value")))
            .Where(input => input.Name is not null)
            .DistinctBy(input => input.Name) // pages with two forms repeat the antiforgery field: the first form's wins
            .ToDictionary(input => WebUtility.HtmlDecode(input.Name!), input => WebUtility.HtmlDecode(input.Value ?? ""));

    /// <summary>Sets what revokes a session, straight through Identity as an admin or another device would.</summary>
    public static async Task RevokeAsync(IServiceProvider services, string email, Revocation how)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatAi.Core.Data.ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var result = how switch
        {
            Revocation.Deleted => await users.DeleteAsync(user),
            Revocation.PasswordChanged => await users.ChangePasswordAsync(user, TestUsers.Password, "Another-Horse-10"),
            // An administrator's lock: longer than the automatic one after wrong passwords (5 minutes).
            Revocation.LockedOut => await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<div class=\"alert[^\"]*\"[^>]*>(.*?)<", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();
}

public enum Revocation
{
    Deleted,
    PasswordChanged,
    LockedOut,
}
