using Microsoft.AspNetCore.Identity;

namespace ChatAi.Core.Data;

/// <summary>A person who signs in with their email. The email is also the user name.</summary>
public class ApplicationUser : IdentityUser
{
    public const int MaxTimeZoneLength = 64;

    /// <summary>IANA zone (for example <c>Europe/Berlin</c>); the browser's, saved by the UI.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The chat that the flat seed-003 message log writes to; created on first use.</summary>
    public Guid? DefaultChatId { get; set; }
}
