using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatAi.Core.Data;

/// <summary>A user's named starting point for new chats: instructions, model and parameters (ChatService.Presets.cs).</summary>
public sealed class ChatPreset
{
    public const int MaxNameLength = 100;
    public const int MaxInstructionsLength = 8_000;

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public string? Instructions { get; set; }

    /// <summary>Provider id and model for chats started from it; nulls mean the app's default.</summary>
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public double? Temperature { get; set; }
    public int? MaxReplyTokens { get; set; }
    public DateTime CreatedAt { get; set; }

    internal static void Configure(EntityTypeBuilder<ChatPreset> preset)
    {
        preset.Property(p => p.Id).ValueGeneratedNever();
        preset.Property(p => p.Name).HasMaxLength(MaxNameLength);
        preset.Property(p => p.Instructions).HasMaxLength(MaxInstructionsLength);
        preset.Property(p => p.Provider).HasMaxLength(32);
        preset.Property(p => p.Model).HasMaxLength(100);
        preset.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        preset.HasIndex(p => new { p.UserId, p.Name }).IsUnique();
    }
}
