using ChatAi.Core.Chats.Search;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// Search across all of the caller's chats (archived ones too) with the database's own full-text index: SQLite FTS5
/// (tables MessageSearch/ChatTitleSearch, kept by triggers) or PostgreSQL tsvector columns with GIN indexes (generated
/// columns), both made by the AddSearchIndex migrations. Every query joins the chats on the caller's id. Titles that
/// match come first, then messages; within each, best rank first, then newest.
/// </summary>
public sealed partial class ChatService
{
    public const int MaxSearchPage = 50;
    public const int MaxSearchOffset = 1000;

    /// <summary>A page of the caller's matches for <paramref name="text"/>; empty when it has no words. Throws Validation when longer than <see cref="SearchQuery.MaxLength"/>.</summary>
    public async Task<SearchPage> SearchAsync(string userId, string? text, int limit = 20, int offset = 0, CancellationToken ct = default)
    {
        if (text?.Length > SearchQuery.MaxLength)
            throw new ChatException(ChatErrorKind.Validation, $"The search is longer than {SearchQuery.MaxLength} characters.");
        if (SearchQuery.Parse(text) is not { } query) return new SearchPage([], false);
        limit = Math.Clamp(limit, 1, MaxSearchPage);
        offset = Math.Clamp(offset, 0, MaxSearchOffset);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (db.Database.IsNpgsql() ? PostgresHits(db, userId, query, limit + 1, offset) : SqliteHits(db, userId, query, limit + 1, offset))
            .ToListAsync(ct);
        // The SQL's order, again here: EF may wrap the statement in a SELECT that does not promise to keep it.
        var page = rows.OrderBy(r => r.Kind).ThenByDescending(r => r.Rank).ThenByDescending(r => r.At).Take(limit).ToList();
        var chatIds = page.Select(r => r.ChatId).Distinct().ToList();
        var chats = await db.Chats.AsNoTracking().Where(c => c.UserId == userId && chatIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.ArchivedAt }).ToDictionaryAsync(c => c.Id, ct);
        var messageIds = page.Where(r => r.MessageId is not null).Select(r => r.MessageId!.Value).ToList();
        var contents = await db.Messages.AsNoTracking().Where(m => messageIds.Contains(m.Id) && chatIds.Contains(m.ChatId))
            .Select(m => new { m.Id, m.Content }).ToDictionaryAsync(m => m.Id, m => m.Content, ct);
        var hits = new List<SearchHit>(page.Count);
        foreach (var row in page)
        {
            if (!chats.TryGetValue(row.ChatId, out var chat)) continue; // deleted between the two reads
            string? content = null;
            if (row.MessageId is { } id && !contents.TryGetValue(id, out content)) continue;
            hits.Add(new SearchHit(chat.Id, chat.Title, row.MessageId, SearchSnippet.Make(content ?? chat.Title, query), chat.ArchivedAt is not null, Utc(row.At)));
        }
        return new SearchPage(hits, rows.Count > limit);
    }

    // CROSS JOIN keeps SQLite from turning the join around: the full-text match runs first, then the rows are checked against the user.
    private static IQueryable<SearchRow> SqliteHits(ChatAiDbContext db, string userId, SearchQuery query, int limit, int offset) =>
        db.Database.SqlQuery<SearchRow>($"""
            SELECT "Kind", "ChatId", "MessageId", "Rank", "At" FROM (
                SELECT 0 AS "Kind", c."Id" AS "ChatId", NULL AS "MessageId", -bm25("ChatTitleSearch") AS "Rank", c."LastActivityAt" AS "At"
                FROM "ChatTitleSearch" CROSS JOIN "Chats" c ON c.rowid = "ChatTitleSearch".rowid
                WHERE "ChatTitleSearch" MATCH {query.ToFts5()} AND c."UserId" = {userId}
                UNION ALL
                SELECT 1, m."ChatId", m."Id", -bm25("MessageSearch"), m."CreatedAt"
                FROM "MessageSearch" CROSS JOIN "Messages" m ON m."Id" = "MessageSearch".rowid CROSS JOIN "Chats" c ON c."Id" = m."ChatId"
                WHERE "MessageSearch" MATCH {query.ToFts5()} AND c."UserId" = {userId}
            ) ORDER BY "Kind", "Rank" DESC, "At" DESC LIMIT {limit} OFFSET {offset}
            """);

    private static IQueryable<SearchRow> PostgresHits(ChatAiDbContext db, string userId, SearchQuery query, int limit, int offset) =>
        db.Database.SqlQuery<SearchRow>($"""
            SELECT "Kind", "ChatId", "MessageId", "Rank", "At" FROM (
                SELECT 0 AS "Kind", c."Id" AS "ChatId", NULL::bigint AS "MessageId", ts_rank(c."TitleSearch", q)::float8 AS "Rank", c."LastActivityAt" AS "At"
                FROM "Chats" c, to_tsquery('simple', {query.ToTsQuery()}) q
                WHERE c."TitleSearch" @@ q AND c."UserId" = {userId}
                UNION ALL
                SELECT 1, m."ChatId", m."Id", ts_rank(m."SearchVector", q)::float8, m."CreatedAt"
                FROM "Messages" m JOIN "Chats" c ON c."Id" = m."ChatId", to_tsquery('simple', {query.ToTsQuery()}) q
                WHERE m."SearchVector" @@ q AND c."UserId" = {userId}
            ) hits ORDER BY "Kind", "Rank" DESC, "At" DESC LIMIT {limit} OFFSET {offset}
            """);

    private sealed record SearchRow(int Kind, Guid ChatId, long? MessageId, double Rank, DateTime At);
}
