using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// The path up from a message to its root, read in one query (a recursive CTE over the (ChatId, ParentId) links, each step
/// a primary-key lookup), newest first and at most <c>depth</c> messages: a send's context costs the window it needs, not
/// a read of every (Id, ParentId) pair of the chat. Parents always have lower ids, so the walk ends; the depth bounds it anyway.
/// </summary>
internal static class ContextPath
{
    /// <summary>A bound no path reaches (a chat holds far fewer messages), kept so a corrupt link cannot loop.</summary>
    public const int Unbounded = 1_000_000;

    /// <summary>One message of the path; Role as stored (its name).</summary>
    public sealed record Row(long Id, long? ParentId, string Role, string Content, int Depth);

    public static Task<List<Row>> ReadAsync(ChatAiDbContext db, Guid chatId, long lastId, int depth, CancellationToken ct)
    {
        object chatKey = db.Database.IsSqlite() ? chatId.ToString().ToUpperInvariant() : chatId;
        return db.Database.SqlQuery<Row>($"""
            WITH RECURSIVE path ("Id", "ParentId", "Depth") AS (
                SELECT "Id", "ParentId", 0 FROM "Messages" WHERE "Id" = {lastId} AND "ChatId" = {chatKey}
                UNION ALL
                SELECT m."Id", m."ParentId", p."Depth" + 1 FROM path p JOIN "Messages" m ON m."Id" = p."ParentId"
                WHERE m."ChatId" = {chatKey} AND p."Depth" + 1 < {depth})
            SELECT p."Id", p."ParentId", m."Role", m."Content", p."Depth" FROM path p JOIN "Messages" m ON m."Id" = p."Id"
            ORDER BY p."Depth"
            """).ToListAsync(ct);
    }
}
