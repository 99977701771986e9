using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations
{
    /// <summary>
    /// A reply enters the search index once it is finished, not at every save while it streams (generated empty by
    /// `dotnet ef migrations add`; the SQL below is written by hand). ScopeSearchToOwner's update trigger re-indexed a
    /// message whenever its content changed, and a streaming reply's content is saved every StreamSaveIntervalMs: each save
    /// deleted the reply from the contentless FTS5 table (a tombstone, which later merges rewrite) and inserted everything
    /// written so far again, so a reply cost work quadratic in its length, and figure 3 (bench/README.md) about doubled its
    /// app CPU per stream. Here the insert and update triggers skip a message whose Status is 'Streaming'; the update
    /// trigger indexes it when its status leaves Streaming (finished, stopped, failed, interrupted by the sweeper), and
    /// re-indexes a message that is not streaming when its content or chat changes (edits). The delete trigger is
    /// unchanged: deleting a rowid the index never held only looks it up. Replies streaming at the upgrade leave the
    /// index until they finish. A later migration that rebuilds Chats or Messages must run
    /// <see cref="ScopeSearchToOwner.Statements"/> and then <see cref="Statements"/> again after it.
    /// </summary>
    public partial class IndexRepliesWhenFinished : Migration
    {
        /// <summary>The owner's token as SQL over a user id expression, as in <see cref="ScopeSearchToOwner"/>.</summary>
        private const string Owner = """'u' || lower(hex(c."UserId"))""";

        private const string Streaming = """'Streaming'""";

        public static readonly string[] Statements =
        [
            """DROP TRIGGER IF EXISTS "Messages_Search_Insert";""",
            """DROP TRIGGER IF EXISTS "Messages_Search_Update";""",
            $"""
            CREATE TRIGGER "Messages_Search_Insert" AFTER INSERT ON "Messages"
            WHEN new."Status" <> {Streaming} BEGIN
                INSERT INTO "MessageSearch"(rowid, "Owner", "Content")
                SELECT new."Id", {Owner}, new."Content" FROM "Chats" c WHERE c."Id" = new."ChatId";
            END;
            """,
            $"""
            CREATE TRIGGER "Messages_Search_Update" AFTER UPDATE OF "Content", "ChatId", "Status" ON "Messages"
            WHEN new."Status" <> {Streaming}
                AND (old."Status" = {Streaming} OR old."Content" IS NOT new."Content" OR old."ChatId" IS NOT new."ChatId") BEGIN
                DELETE FROM "MessageSearch" WHERE rowid = old."Id";
                INSERT INTO "MessageSearch"(rowid, "Owner", "Content")
                SELECT new."Id", {Owner}, new."Content" FROM "Chats" c WHERE c."Id" = new."ChatId";
            END;
            """,
            // Replies streaming now were indexed by the old triggers; they come back when they finish.
            $"""DELETE FROM "MessageSearch" WHERE rowid IN (SELECT "Id" FROM "Messages" WHERE "Status" = {Streaming});""",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Statements) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // ScopeSearchToOwner's triggers and index as they were (its statements rebuild both search tables from the rows).
            foreach (var sql in ScopeSearchToOwner.Statements) migrationBuilder.Sql(sql);
        }
    }
}
