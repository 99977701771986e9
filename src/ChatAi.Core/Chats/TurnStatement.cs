using System.Text;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// A turn of an existing chat written as ONE database command instead of three <c>SaveChanges</c>: the user's message
/// (if any), the reply placeholder under it and the chat's new leaf and model, the ids linked inside the database. On
/// PostgreSQL one statement of data-modifying CTEs (atomic on its own: one round trip, no transaction); on SQLite three
/// statements of one command, the reply linked through <c>last_insert_rowid()</c>, inside the caller's transaction.
/// New chats and compares (two replies) keep <see cref="Turn"/>'s three steps: they are rare.
/// Measured in bench/README.md (figure 1, session 6).
/// </summary>
internal static class TurnStatement
{
    private const string Columns = """("ChatId", "ParentId", "Role", "Content", "CreatedAt", "Status", "Provider", "Model", "Error", "UpdatedAt", "StopRequested", "CompareSlot")""";

    /// <summary>Runs the command and sets the ids it got on the turn's messages and the chat's leaf.</summary>
    public static async Task WriteAsync(ChatAiDbContext db, Chat chat, bool titleChanged, Message? userMessage, Message reply)
    {
        var sqlite = db.Database.IsSqlite();
        var parameters = new List<object>();
        string P(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }
        string Nullable(object? value) => value is null ? "NULL" : P(value);
        var chatKey = sqlite ? chat.Id.ToString().ToUpperInvariant() : (object)chat.Id;
        string Values(Message m, string parent) =>
            $"({P(chatKey)}, {parent}, {P(m.Role.ToString())}, {P(m.Content)}, {P(m.CreatedAt)}, {P(m.Status.ToString())}, " +
            $"{Nullable(m.Provider)}, {Nullable(m.Model)}, {Nullable(m.Error)}, {P(m.UpdatedAt)}, {P(false)}, NULL)";
        string ChatSet(string leaf) =>
            $"""SET "LastActivityAt" = {P(chat.LastActivityAt)}, "Provider" = {Nullable(chat.Provider)}, "Model" = {Nullable(chat.Model)}, """ +
            (titleChanged ? $"""  "Title" = {P(chat.Title)}, """ : "") + $""" "CurrentLeafId" = {leaf}""";

        var sql = new StringBuilder();
        if (sqlite)
        {
            if (userMessage is not null)
                sql.Append($"""INSERT INTO "Messages" {Columns} VALUES {Values(userMessage, Nullable(userMessage.ParentId))};""").Append('\n');
            var replyParent = userMessage is null ? Nullable(reply.ParentId) : "last_insert_rowid()";
            sql.Append($"""INSERT INTO "Messages" {Columns} VALUES {Values(reply, replyParent)};""").Append('\n');
            sql.Append($"""UPDATE "Chats" {ChatSet("last_insert_rowid()")} WHERE "Id" = {P(chatKey)};""").Append('\n');
            sql.Append("""SELECT "Id" AS "ReplyId", "ParentId" AS "ReplyParentId" FROM "Messages" WHERE "Id" = last_insert_rowid()""");
        }
        else
        {
            sql.Append("WITH ");
            if (userMessage is not null)
            {
                sql.Append($"""u AS (INSERT INTO "Messages" {Columns} VALUES {Values(userMessage, Nullable(userMessage.ParentId))} RETURNING "Id"), """);
                var values = Values(reply, "u.\"Id\"");
                sql.Append($"""r AS (INSERT INTO "Messages" {Columns} SELECT {values[1..^1]} FROM u RETURNING "Id", "ParentId"), """);
            }
            else sql.Append($"""r AS (INSERT INTO "Messages" {Columns} VALUES {Values(reply, Nullable(reply.ParentId))} RETURNING "Id", "ParentId"), """);
            sql.Append($"""c AS (UPDATE "Chats" {ChatSet("r.\"Id\"")} FROM r WHERE "Chats"."Id" = {P(chatKey)}) """);
            sql.Append("""SELECT r."Id" AS "ReplyId", r."ParentId" AS "ReplyParentId" FROM r""");
        }

        var rows = await db.Database.SqlQueryRaw<TurnIds>(sql.ToString(), parameters.ToArray()).ToListAsync();
        var ids = rows.Single();
        reply.Id = ids.ReplyId;
        reply.ParentId = ids.ReplyParentId;
        if (userMessage is not null) userMessage.Id = ids.ReplyParentId ?? throw new InvalidOperationException("The reply was stored without its user message.");
        chat.CurrentLeafId = reply.Id;
    }

    /// <summary>What the command answers: the reply's id and its parent (the user's message, when the turn has one).</summary>
    private sealed record TurnIds(long ReplyId, long? ReplyParentId);
}
