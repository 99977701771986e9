using System.ComponentModel.DataAnnotations;

namespace ChatAi.Web.Security;

/// <summary>Section <c>ChatAi:Security</c>: limits on the account endpoints.</summary>
internal sealed class SecurityOptions
{
    public const string SectionName = "ChatAi:Security";

    /// <summary>Sign-in and sign-up form posts and API calls one client address may make per minute (all such endpoints together).</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinute { get; set; } = 10;
}
