using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations
{
    /// <summary>
    /// Full-text search on SQLite (generated empty by `dotnet ef migrations add`; the SQL below is written by hand). Two FTS5
    /// tables over the existing rows (external content, so no text is stored twice): MessageSearch over Messages.Content
    /// (rowid = message Id) and ChatTitleSearch over Chats.Title (rowid = the chat's rowid). Triggers keep them in step on
    /// every insert, content/title change (a streaming reply's updates and edits included) and delete (a chat's cascade
    /// included); 'rebuild' indexes the rows already there. ChatService.Search.cs queries them. NOTE: SQLite drops a table's
    /// triggers when EF rebuilds that table (some column changes do); a later migration that rebuilds Chats or Messages
    /// must run <see cref="Statements"/> again after it (the statements drop what exists first).
    /// </summary>
    public partial class AddSearchIndex : Migration
    {
        private const string Tokenizer = "tokenize = 'unicode61 remove_diacritics 0'";

        public static readonly string[] Statements =
        [
            """DROP TABLE IF EXISTS "MessageSearch";""",
            """DROP TABLE IF EXISTS "ChatTitleSearch";""",
            $"""CREATE VIRTUAL TABLE "MessageSearch" USING fts5("Content", content = 'Messages', content_rowid = 'Id', {Tokenizer});""",
            $"""CREATE VIRTUAL TABLE "ChatTitleSearch" USING fts5("Title", content = 'Chats', content_rowid = 'rowid', {Tokenizer});""",
            """
            CREATE TRIGGER IF NOT EXISTS "Messages_Search_Insert" AFTER INSERT ON "Messages" BEGIN
                INSERT INTO "MessageSearch"(rowid, "Content") VALUES (new."Id", new."Content");
            END;
            """,
            """
            CREATE TRIGGER IF NOT EXISTS "Messages_Search_Update" AFTER UPDATE OF "Content" ON "Messages" WHEN old."Content" IS NOT new."Content" BEGIN
                INSERT INTO "MessageSearch"("MessageSearch", rowid, "Content") VALUES ('delete', old."Id", old."Content");
                INSERT INTO "MessageSearch"(rowid, "Content") VALUES (new."Id", new."Content");
            END;
            """,
            """
            CREATE TRIGGER IF NOT EXISTS "Messages_Search_Delete" AFTER DELETE ON "Messages" BEGIN
                INSERT INTO "MessageSearch"("MessageSearch", rowid, "Content") VALUES ('delete', old."Id", old."Content");
            END;
            """,
            """
            CREATE TRIGGER IF NOT EXISTS "Chats_Search_Insert" AFTER INSERT ON "Chats" BEGIN
                INSERT INTO "ChatTitleSearch"(rowid, "Title") VALUES (new.rowid, new."Title");
            END;
            """,
            """
            CREATE TRIGGER IF NOT EXISTS "Chats_Search_Update" AFTER UPDATE OF "Title" ON "Chats" WHEN old."Title" IS NOT new."Title" BEGIN
                INSERT INTO "ChatTitleSearch"("ChatTitleSearch", rowid, "Title") VALUES ('delete', old.rowid, old."Title");
                INSERT INTO "ChatTitleSearch"(rowid, "Title") VALUES (new.rowid, new."Title");
            END;
            """,
            """
            CREATE TRIGGER IF NOT EXISTS "Chats_Search_Delete" AFTER DELETE ON "Chats" BEGIN
                INSERT INTO "ChatTitleSearch"("ChatTitleSearch", rowid, "Title") VALUES ('delete', old.rowid, old."Title");
            END;
            """,
            // The rows already there.
            """INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild');""",
            """INSERT INTO "ChatTitleSearch"("ChatTitleSearch") VALUES ('rebuild');""",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Statements) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Messages_Search_Insert", "Messages_Search_Update", "Messages_Search_Delete", "Chats_Search_Insert", "Chats_Search_Update", "Chats_Search_Delete" })
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{trigger}";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "MessageSearch";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ChatTitleSearch";""");
        }
    }
}
