using ChatAi.Core.Chats.Search;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// Search across all of the caller's chats (archived ones too) with the database's own full-text index, which holds each
/// row's owner next to its words (migrations AddSearchIndex and ScopeSearchToOwner): SQLite FTS5 tables MessageSearch and
/// ChatTitleSearch with an "Owner" column matched in the same MATCH, PostgreSQL GIN indexes on (owner, tsvector). So the
/// index itself intersects the caller's rows with the words, and other users' matches cost nothing. The database hands
/// over only the caller's newest matches (<see cref="SearchRank.CandidatesFor"/>), and the order is
/// <see cref="SearchRank"/>'s: titles that match first, then messages; in each, the newest
/// <see cref="SearchRank.Window"/> matches best first, then older ones newest first. Every query also joins the chats on
/// the caller's id.
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
        var wanted = SearchRank.CandidatesFor(offset + limit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = db.Database.IsNpgsql();
        var titles = await (postgres ? PostgresTitles(db, userId, query, wanted) : SqliteTitles(db, userId, query, wanted)).ToListAsync(ct);
        var messages = await (postgres ? PostgresMessages(db, userId, query, wanted) : SqliteMessages(db, userId, query, wanted)).ToListAsync(ct);
        var rows = SearchRank.Order(titles, query).Concat(SearchRank.Order(messages, query)).Skip(offset).Take(limit + 1).ToList();
        var page = rows.Take(limit).ToList();
        var chatIds = page.Select(r => r.ChatId).Distinct().ToList();
        var chats = await db.Chats.AsNoTracking().Where(c => c.UserId == userId && chatIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.ArchivedAt }).ToDictionaryAsync(c => c.Id, ct);
        var messageIds = page.Where(r => r.MessageId is not null).Select(r => r.MessageId!.Value).ToList();
        var contents = await db.Messages.AsNoTracking().Where(m => messageIds.Contains(m.Id) && chatIds.Contains(m.ChatId))
            .Select(m => new { m.Id, m.Content }).ToDictionaryAsync(m => m.Id, m => m.Content, ct);
        var hits = new List<SearchHit>(page.Count);
        foreach (var row in page)
        {
            if (!chats.TryGetValue(row.ChatId, out var chat)) continue; // deleted between the reads
            string? content = null;
            if (row.MessageId is { } id && !contents.TryGetValue(id, out content)) continue;
            hits.Add(new SearchHit(chat.Id, chat.Title, row.MessageId, SearchSnippet.Make(content ?? chat.Title, query), chat.ArchivedAt is not null, Utc(row.At)));
        }
        return new SearchPage(hits, rows.Count > limit);
    }

    // FTS5 walks the caller's matches newest first (rowid DESC) and stops after `wanted`; the LIMIT inside the subquery keeps
    // SQLite from flattening it into the join, and CROSS JOIN from turning the join around.
    private static IQueryable<SearchCandidate> SqliteTitles(ChatAiDbContext db, string userId, SearchQuery query, int wanted) =>
        db.Database.SqlQuery<SearchCandidate>($"""
            SELECT c."Id" AS "ChatId", NULL AS "MessageId", c."LastActivityAt" AS "At", c."Title" AS "Text", c.rowid AS "Recency"
            FROM (SELECT rowid AS "Row" FROM "ChatTitleSearch" WHERE "ChatTitleSearch" MATCH {query.ToFts5(userId, "Title")} ORDER BY rowid DESC LIMIT {wanted}) s
            CROSS JOIN "Chats" c ON c.rowid = s."Row"
            WHERE c."UserId" = {userId}
            """);

    private static IQueryable<SearchCandidate> SqliteMessages(ChatAiDbContext db, string userId, SearchQuery query, int wanted) =>
        db.Database.SqlQuery<SearchCandidate>($"""
            SELECT m."ChatId", m."Id" AS "MessageId", m."CreatedAt" AS "At", substr(m."Content", 1, {SearchRank.MaxRankedChars}) AS "Text", m."Id" AS "Recency"
            FROM (SELECT rowid AS "Row" FROM "MessageSearch" WHERE "MessageSearch" MATCH {query.ToFts5(userId, "Content")} ORDER BY rowid DESC LIMIT {wanted}) s
            CROSS JOIN "Messages" m ON m."Id" = s."Row" CROSS JOIN "Chats" c ON c."Id" = m."ChatId"
            WHERE c."UserId" = {userId}
            """);

    // The GIN index on (owner, tsvector) gives the caller's matches as one bitmap; MATERIALIZED keeps the planner from
    // walking the primary key backwards through every user's rows instead, hoping to meet the caller's soon.
    private static IQueryable<SearchCandidate> PostgresTitles(ChatAiDbContext db, string userId, SearchQuery query, int wanted) =>
        db.Database.SqlQuery<SearchCandidate>($"""
            WITH hits AS MATERIALIZED (
                SELECT c."Id", c."CreatedAt" FROM "Chats" c WHERE c."UserId" = {userId} AND c."TitleSearch" @@ to_tsquery('simple', {query.ToTsQuery()}))
            SELECT c."Id" AS "ChatId", NULL::bigint AS "MessageId", c."LastActivityAt" AS "At", c."Title" AS "Text",
                   (extract(epoch FROM c."CreatedAt") * 1000000)::bigint AS "Recency"
            FROM (SELECT "Id" FROM hits ORDER BY "CreatedAt" DESC LIMIT {wanted}) newest JOIN "Chats" c ON c."Id" = newest."Id"
            WHERE c."UserId" = {userId}
            """);

    private static IQueryable<SearchCandidate> PostgresMessages(ChatAiDbContext db, string userId, SearchQuery query, int wanted) =>
        db.Database.SqlQuery<SearchCandidate>($"""
            WITH hits AS MATERIALIZED (
                SELECT m."Id" FROM "Messages" m WHERE m."SearchUserId" = {userId} AND m."SearchVector" @@ to_tsquery('simple', {query.ToTsQuery()}))
            SELECT m."ChatId", m."Id" AS "MessageId", m."CreatedAt" AS "At", substr(m."Content", 1, {SearchRank.MaxRankedChars}) AS "Text", m."Id" AS "Recency"
            FROM (SELECT "Id" FROM hits ORDER BY "Id" DESC LIMIT {wanted}) newest
            JOIN "Messages" m ON m."Id" = newest."Id" JOIN "Chats" c ON c."Id" = m."ChatId"
            WHERE c."UserId" = {userId}
            """);
}
