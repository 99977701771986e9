using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>What a user writes into a preset: a name, instructions, a model and parameters (nulls mean the defaults).</summary>
public sealed record PresetInput(string? Name, ChatSettings? Settings = null, string? Provider = null, string? Model = null);

public sealed record PresetSummary(Guid Id, string Name, ChatSettings Settings, string? Provider, string? Model, DateTime CreatedAt)
{
    public static PresetSummary From(ChatPreset p) => new(p.Id, p.Name, ChatSettings.Of(p), p.Provider, p.Model, p.CreatedAt);
}

/// <summary>A user's presets, each a starting point for new chats. Every write counts as a chat write; another user's preset is not found.</summary>
public sealed class PresetService(
    IDbContextFactory<ChatAiDbContext> dbFactory,
    IOptions<ChatAiOptions> options,
    TimeProvider clock,
    ChatNotifier notifier,
    ModelCatalog providers,
    UserQuota quota)
{
    public async Task<IReadOnlyList<PresetSummary>> ListPresetsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var presets = await db.ChatPresets.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        return presets.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(PresetSummary.From).ToList();
    }

    public async Task<PresetSummary?> FindPresetAsync(string userId, Guid presetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var preset = await db.ChatPresets.AsNoTracking().FirstOrDefaultAsync(p => p.Id == presetId && p.UserId == userId, ct);
        return preset is null ? null : PresetSummary.From(preset);
    }

    /// <summary>Adds a preset: QuotaExceeded past <see cref="Configuration.ChatAiOptions.MaxPresetsPerUser"/>, Conflict when the name is taken.</summary>
    public async Task<PresetSummary> CreatePresetAsync(string userId, PresetInput input, CancellationToken ct = default)
    {
        var (name, settings, provider, model) = ValidPreset(input);
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var max = options.Value.MaxPresetsPerUser;
        if (await db.ChatPresets.CountAsync(p => p.UserId == userId, ct) >= max)
            throw new ChatException(ChatErrorKind.QuotaExceeded, $"You have reached the limit of {max} presets. Delete one to add another.");
        await RefuseTakenNameAsync(db, userId, name, null, ct);
        var preset = new ChatPreset { Id = Guid.CreateVersion7(), UserId = userId, Name = name, Provider = provider, Model = model, CreatedAt = clock.GetUtcNow().UtcDateTime };
        settings.ApplyTo(preset);
        db.ChatPresets.Add(preset);
        await SavePresetAsync(db, ct);
        return PresetSummary.From(preset);
    }

    /// <summary>Replaces every field of the preset; null when it is not the caller's.</summary>
    public async Task<PresetSummary?> UpdatePresetAsync(string userId, Guid presetId, PresetInput input, CancellationToken ct = default)
    {
        var (name, settings, provider, model) = ValidPreset(input);
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var preset = await db.ChatPresets.FirstOrDefaultAsync(p => p.Id == presetId && p.UserId == userId, ct);
        if (preset is null) return null;
        await RefuseTakenNameAsync(db, userId, name, presetId, ct);
        (preset.Name, preset.Provider, preset.Model) = (name, provider, model);
        settings.ApplyTo(preset);
        await SavePresetAsync(db, ct);
        return PresetSummary.From(preset);
    }

    public async Task<bool> DeletePresetAsync(string userId, Guid presetId, CancellationToken ct = default)
    {
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChatPresets.Where(p => p.Id == presetId && p.UserId == userId).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// A new chat with the preset's model, instructions and parameters (a model the server no longer offers falls back to
    /// the default). NotFound when the preset is not the caller's; an id already taken answers as <see cref="ChatService.CreateChatAsync"/> does.
    /// </summary>
    public async Task<ChatSummary> CreateChatFromPresetAsync(string userId, Guid presetId, Guid? id = null, string? title = null, CancellationToken ct = default)
    {
        var chatId = id ?? Guid.CreateVersion7();
        RefuseEmpty(chatId);
        var validTitle = title is null ? null : ValidTitle(title);
        var preset = await FindPresetAsync(userId, presetId, ct) ?? throw PresetNotFound();
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RefuseTakenIdAsync(db, userId, chatId, ct);
        await quota.EnsureRoomForChatAsync(db, userId, ct);
        var (provider, model) = OfferedModel(preset.Provider, preset.Model);
        var chat = NewChat(userId, chatId, validTitle, provider, model, clock.GetUtcNow().UtcDateTime);
        preset.Settings.ApplyTo(chat);
        db.Chats.Add(chat);
        await db.SaveChangesAsync(ct);
        notifier.ChatListChanged(userId);
        return ChatSummary.From(chat);
    }

    public static ChatException PresetNotFound() => new(ChatErrorKind.NotFound, "Preset not found.");

    private (string Name, ChatSettings Settings, string? Provider, string? Model) ValidPreset(PresetInput input)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) throw new ChatException(ChatErrorKind.Validation, "The preset needs a name.");
        if (name.Length > ChatPreset.MaxNameLength)
            throw new ChatException(ChatErrorKind.Validation, $"The preset name is longer than {ChatPreset.MaxNameLength} characters.");
        if (name.Contains('\0')) throw new ChatException(ChatErrorKind.Validation, "The preset name contains a NUL character.");
        var settings = (input.Settings ?? ChatSettings.None).Validated();
        if (input.Provider is null && input.Model is null) return (name, settings, null, null);
        var (provider, model) = ModelCatalog.Known(providers.KnownModel(input.Provider, input.Model, null));
        return (name, settings, provider, model);
    }

    /// <summary>The preset's model if the server still offers it, else the default (nulls).</summary>
    private (string?, string?) OfferedModel(string? provider, string? model)
    {
        if (provider is null && model is null) return (null, null);
        try { return ModelCatalog.Known(providers.KnownModel(provider, model, null)); }
        catch (ChatException) { return (null, null); }
    }

    /// <summary>Names are unique per user, ignoring case (the unique index backs it up for exact duplicates).</summary>
    private static async Task RefuseTakenNameAsync(ChatAiDbContext db, string userId, string name, Guid? except, CancellationToken ct)
    {
        var names = await db.ChatPresets.Where(p => p.UserId == userId && p.Id != except).Select(p => p.Name).ToListAsync(ct);
        if (names.Contains(name, StringComparer.OrdinalIgnoreCase)) throw PresetNameTaken(name);
    }

    private static async Task SavePresetAsync(ChatAiDbContext db, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { throw PresetNameTaken(null); } // a concurrent save took the name first
    }

    private static ChatException PresetNameTaken(string? name) =>
        new(ChatErrorKind.Conflict, name is null ? "A preset with this name already exists." : $"A preset named '{Clip(name)}' already exists.");
}
