using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations
{
    /// <summary>
    /// Search scoped to its owner inside the index (generated empty by `dotnet ef migrations add`; the SQL below is written
    /// by hand). The FTS5 tables of AddSearchIndex indexed every user's words together, so a search matched and ranked all
    /// users' hits and kept the caller's afterwards. Here MessageSearch and ChatTitleSearch get a second column, "Owner":
    /// one token per user (<see cref="OwnerToken"/>: 'u' and the hex of the user id, so no id can split into several
    /// tokens or look like a word of the text, which sits in the other column). ChatService.Search.cs matches
    /// <c>{Owner} : "u…" AND {Content} : (words)</c>, so FTS5 intersects the two posting lists and walks them newest first
    /// (<c>ORDER BY rowid DESC LIMIT</c>), stopping early. The tables are contentless with contentless_delete (FTS5 keeps
    /// only the index; the text stays in Messages/Chats), so a delete needs only the rowid, never the old values: a chat's
    /// cascade removes its messages from the index whatever order SQLite runs it in. Triggers keep them in step on every
    /// insert, content/title change (a streaming reply's updates and edits included) and delete; the rows already there
    /// are indexed at the end. Neither Chats nor Messages is rebuilt. A later migration that rebuilds Chats or Messages
    /// must run <see cref="Statements"/> again after it (they drop what exists first).
    /// </summary>
    public partial class ScopeSearchToOwner : Migration
    {
        private const string Tokenizer = "tokenize = 'unicode61 remove_diacritics 0'";

        /// <summary>The owner's token as SQL over a user id expression; ChatService.Search.cs builds the same in C#.</summary>
        private static string OwnerToken(string userId) => $"""'u' || lower(hex({userId}))""";

        private static readonly string[] Triggers =
            ["Messages_Search_Insert", "Messages_Search_Update", "Messages_Search_Delete", "Chats_Search_Insert", "Chats_Search_Update", "Chats_Search_Delete"];

        public static readonly string[] Statements =
        [
            .. Triggers.Select(t => $"""DROP TRIGGER IF EXISTS "{t}";"""),
            """DROP TABLE IF EXISTS "MessageSearch";""",
            """DROP TABLE IF EXISTS "ChatTitleSearch";""",
            $"""CREATE VIRTUAL TABLE "MessageSearch" USING fts5("Owner", "Content", content = '', contentless_delete = 1, {Tokenizer});""",
            $"""CREATE VIRTUAL TABLE "ChatTitleSearch" USING fts5("Owner", "Title", content = '', contentless_delete = 1, {Tokenizer});""",
            $"""
            CREATE TRIGGER "Messages_Search_Insert" AFTER INSERT ON "Messages" BEGIN
                INSERT INTO "MessageSearch"(rowid, "Owner", "Content")
                SELECT new."Id", {OwnerToken("c.\"UserId\"")}, new."Content" FROM "Chats" c WHERE c."Id" = new."ChatId";
            END;
            """,
            $"""
            CREATE TRIGGER "Messages_Search_Update" AFTER UPDATE OF "Content", "ChatId" ON "Messages"
            WHEN old."Content" IS NOT new."Content" OR old."ChatId" IS NOT new."ChatId" BEGIN
                DELETE FROM "MessageSearch" WHERE rowid = old."Id";
                INSERT INTO "MessageSearch"(rowid, "Owner", "Content")
                SELECT new."Id", {OwnerToken("c.\"UserId\"")}, new."Content" FROM "Chats" c WHERE c."Id" = new."ChatId";
            END;
            """,
            """
            CREATE TRIGGER "Messages_Search_Delete" AFTER DELETE ON "Messages" BEGIN
                DELETE FROM "MessageSearch" WHERE rowid = old."Id";
            END;
            """,
            $"""
            CREATE TRIGGER "Chats_Search_Insert" AFTER INSERT ON "Chats" BEGIN
                INSERT INTO "ChatTitleSearch"(rowid, "Owner", "Title") VALUES (new.rowid, {OwnerToken("new.\"UserId\"")}, new."Title");
            END;
            """,
            $"""
            CREATE TRIGGER "Chats_Search_Update" AFTER UPDATE OF "Title", "UserId" ON "Chats"
            WHEN old."Title" IS NOT new."Title" OR old."UserId" IS NOT new."UserId" BEGIN
                DELETE FROM "ChatTitleSearch" WHERE rowid = old.rowid;
                INSERT INTO "ChatTitleSearch"(rowid, "Owner", "Title") VALUES (new.rowid, {OwnerToken("new.\"UserId\"")}, new."Title");
            END;
            """,
            """
            CREATE TRIGGER "Chats_Search_Delete" AFTER DELETE ON "Chats" BEGIN
                DELETE FROM "ChatTitleSearch" WHERE rowid = old.rowid;
            END;
            """,
            // The rows already there.
            $"""
            INSERT INTO "MessageSearch"(rowid, "Owner", "Content")
            SELECT m."Id", {OwnerToken("c.\"UserId\"")}, m."Content" FROM "Messages" m JOIN "Chats" c ON c."Id" = m."ChatId";
            """,
            $"""INSERT INTO "ChatTitleSearch"(rowid, "Owner", "Title") SELECT c.rowid, {OwnerToken("c.\"UserId\"")}, c."Title" FROM "Chats" c;""",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Statements) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers) migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{trigger}";""");
            foreach (var sql in AddSearchIndex.Statements) migrationBuilder.Sql(sql);
        }
    }
}
