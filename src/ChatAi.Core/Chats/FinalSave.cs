using System.Text;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// A reply's final save as ONE command instead of a read and two <c>ExecuteUpdate</c>s: the chat's last activity, the reply's
/// text, status, error, usage and times, and back the reply's own columns the returned message needs (<c>RETURNING</c>). On
/// PostgreSQL one statement (the chat's update in a data-modifying CTE), atomic on its own; on SQLite two statements of one
/// command in one write transaction (one acquisition of SQLite's single write lock instead of two autocommits).
/// Measured in bench/README.md (figure 1, session 7).
/// </summary>
internal static class FinalSave
{
    /// <summary>What the save reads back: null when the reply's row is gone (its chat was deleted meanwhile).</summary>
    public sealed record Row(long? ParentId, string? Provider, string? Model, int? CompareSlot);

    public static async Task<Row?> WriteAsync(ChatAiDbContext db, Guid chatId, long messageId, DateTime now, string content,
        MessageStatus status, string? error, int? promptTokens, int? completionTokens)
    {
        var sqlite = db.Database.IsSqlite();
        var parameters = new List<object>();
        string P(object? value)
        {
            if (value is null) return "NULL";
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }
        var chatKey = sqlite ? chatId.ToString().ToUpperInvariant() : (object)chatId;
        var chat = $"""UPDATE "Chats" SET "LastActivityAt" = {P(now)} WHERE "Id" = {P(chatKey)}""";
        var message = new StringBuilder()
            .Append($"""UPDATE "Messages" SET "Content" = {P(content)}, "CreatedAt" = {P(now)}, "Status" = {P(status.ToString())}, """)
            .Append($""" "UpdatedAt" = {P(now)}, "Error" = {P(error)}, "PromptTokens" = {P(promptTokens)}, "CompletionTokens" = {P(completionTokens)} """)
            .Append($"""WHERE "Id" = {P(messageId)} RETURNING "ParentId", "Provider", "Model", "CompareSlot" """)
            .ToString();
        // Every value above is a parameter; only the statement's shape is text.
        var sql = sqlite ? string.Concat(chat, ";\n", message) : string.Concat("WITH c AS (", chat, ") ", message);
        if (!sqlite) return (await db.Database.SqlQueryRaw<Row>(sql, parameters.ToArray()).ToListAsync()).SingleOrDefault();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var rows = await db.Database.SqlQueryRaw<Row>(sql, parameters.ToArray()).ToListAsync();
        await transaction.CommitAsync();
        return rows.SingleOrDefault();
    }
}
