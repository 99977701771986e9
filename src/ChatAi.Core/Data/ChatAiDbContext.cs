using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChatAi.Core.Data;

/// <summary>The app's data on SQLite; <see cref="PostgresChatAiDbContext"/> is the same model with PostgreSQL's own migrations.</summary>
public class ChatAiDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    /// <summary>Identity's tables this model has (version 3 adds passkeys); the app and `dotnet ef` both build the model with it.</summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    public ChatAiDbContext(DbContextOptions<ChatAiDbContext> options) : base(options) { }

    /// <summary>For provider-specific subclasses, whose migrations EF finds by their own context type.</summary>
    protected ChatAiDbContext(DbContextOptions options) : base(options) { }

    public const string OneStreamingPerChatIndex = "IX_Messages_OneStreamingPerChat";

    public DbSet<Chat> Chats => Set<Chat>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ChatPreset> ChatPresets => Set<ChatPreset>();

    /// <summary>The data-protection key ring (ASP.NET Core's own entity, read and written by <c>PersistKeysToDbContext</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.TimeZone).HasMaxLength(ApplicationUser.MaxTimeZoneLength);
        });

        // The table the app's own key entity had since the first release; the key XML was always required.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).IsRequired();

        builder.Entity<Chat>(chat =>
        {
            chat.Property(c => c.Id).ValueGeneratedNever();
            chat.Property(c => c.Title).HasMaxLength(Chat.MaxTitleLength);
            chat.Property(c => c.Provider).HasMaxLength(32);
            chat.Property(c => c.Model).HasMaxLength(100);
            chat.Property(c => c.Instructions).HasMaxLength(ChatPreset.MaxInstructionsLength);
            chat.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            chat.HasIndex(c => new { c.UserId, c.LastActivityAt });
            chat.HasIndex(c => new { c.UserId, c.CreatedAt });
            // The sidebar lists pinned chats, then the rest, each by activity: without Pinned in the key,
            // finding a user's pinned chats reads all of their chats.
            chat.HasIndex(c => new { c.UserId, c.Pinned, c.LastActivityAt });
        });

        builder.Entity<ChatPreset>(ChatPreset.Configure);

        builder.Entity<Message>(message =>
        {
            message.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            message.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            message.Property(m => m.Provider).HasMaxLength(32);
            message.Property(m => m.Model).HasMaxLength(100);
            message.Property(m => m.Error).HasMaxLength(500);
            message.HasOne(m => m.Chat).WithMany(c => c.Messages).HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => new { m.ChatId, m.Id });
            // A chat's tree: the children of a message (siblings, the path to the current leaf).
            message.HasIndex(m => new { m.ChatId, m.ParentId });
            message.HasIndex(m => m.Status);
            // At most one turn generating per chat, whichever instance starts it (SQLite and PostgreSQL both take this filter);
            // a compare's second reply is left out: it exists only beside the first, written in the same transaction.
            message.HasIndex(m => m.ChatId).IsUnique()
                .HasFilter("\"Status\" = 'Streaming' AND (\"CompareSlot\" IS NULL OR \"CompareSlot\" = 1)").HasDatabaseName(OneStreamingPerChatIndex);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every timestamp is UTC; SQLite drops the Kind, so restore it on the way out.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
