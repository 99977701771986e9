using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatAi.Tests.Security;

/// <summary>
/// Whether an email has an account must not show in how long sign-in takes: an unknown email costs a password
/// hash like a known one. Compared by medians of many alternating samples, so a busy machine slows both alike.
/// </summary>
public sealed class SignInTimingTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int UsersPerTest = 5;
    private const int TriesPerUser = 4; // below the lockout (5), so each known try is a plain wrong password

    [Fact]
    public async Task TheApiTakesAsLongForAnUnknownEmailAsForAKnownOne()
    {
        var client = api.Anonymous();
        await AssertSameCostAsync(async (email, password) =>
        {
            using var content = JsonContent.Create(new { email, password });
            await content.LoadIntoBufferAsync();
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/auth/login", content);
            clock.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return clock.Elapsed.TotalMilliseconds;
        });
    }

    [Fact]
    public async Task TheLoginPageTakesAsLongForAnUnknownEmailAsForAKnownOne()
    {
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using var page = await browser.GetAsync("/Account/Login");
        var form = IdentityForms.HiddenInputs(await page.Content.ReadAsStringAsync());
        await AssertSameCostAsync(async (email, password) =>
        {
            form["Input.Email"] = email;
            form["Input.Password"] = password;
            using var content = new FormUrlEncodedContent(form);
            await content.LoadIntoBufferAsync();
            var clock = Stopwatch.StartNew();
            using var response = await browser.PostAsync("/Account/Login", content);
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // refused: the form again
            return clock.Elapsed.TotalMilliseconds;
        });
    }

    /// <summary>
    /// With both cores busy (the suite runs beside other tests, or under stress-ng) a single set of samples can
    /// land on a burst of load; so up to three sets are taken, and one within 20% passes. The leak this guards
    /// against is a factor of 10 or more (190-590 ms against 3-37 ms), which no set would hide.
    /// </summary>
    private async Task AssertSameCostAsync(Func<string, string, Task<double>> signIn)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (known50, unknown50) = await MedianCostsAsync(signIn);
            output.WriteLine($"set {attempt}: median sign-in: known email {known50:0.0} ms, unknown email {unknown50:0.0} ms");
            var same = Math.Abs(known50 - unknown50) < 0.2 * Math.Max(known50, unknown50);
            if (same) return;
            if (attempt == 3)
                Assert.Fail($"median for a known email {known50:0.0} ms, for an unknown one {unknown50:0.0} ms (in each of 3 sets)");
        }
    }

    private async Task<(double Known, double Unknown)> MedianCostsAsync(Func<string, string, Task<double>> signIn)
    {
        var known = new List<string>();
        for (var i = 0; i < UsersPerTest; i++)
        {
            var email = TestUsers.NewEmail("timing");
            await api.App.CreateUserAsync(email);
            known.Add(email);
        }
        // Warm up both paths (first calls compile, connect, make the dummy hash).
        for (var i = 0; i < 2; i++)
        {
            await signIn(TestUsers.NewEmail("nobody"), "Wrong-Horse-1");
            await signIn(TestUsers.NewEmail("nobody"), "Wrong-Horse-1");
        }

        var forKnown = new List<double>();
        var forUnknown = new List<double>();
        for (var round = 0; round < UsersPerTest * TriesPerUser; round++)
        {
            // Alternate which goes first, so a burst of load lands on both alike.
            if (round % 2 == 0)
            {
                forKnown.Add(await signIn(known[round % UsersPerTest], $"Wrong-Horse-{round}"));
                forUnknown.Add(await signIn(TestUsers.NewEmail("nobody"), $"Wrong-Horse-{round}"));
            }
            else
            {
                forUnknown.Add(await signIn(TestUsers.NewEmail("nobody"), $"Wrong-Horse-{round}"));
                forKnown.Add(await signIn(known[round % UsersPerTest], $"Wrong-Horse-{round}"));
            }
        }
        return (Median(forKnown), Median(forUnknown));
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
