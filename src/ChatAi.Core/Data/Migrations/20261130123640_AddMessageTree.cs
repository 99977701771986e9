using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddMessageTree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ParentId",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CurrentLeafId",
                table: "Chats",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ChatId_ParentId",
                table: "Messages",
                columns: new[] { "ChatId", "ParentId" });

            // Every existing (linear) chat becomes a single-path tree: each message follows the previous one of its chat,
            // and the chat shows its last message's path, so nothing is lost. Same SQL on SQLite and PostgreSQL.
            migrationBuilder.Sql(LinkLinearChats);
        }

        /// <summary>Links each message to the one before it in its chat (by id) and points each chat at its last message.</summary>
        internal const string LinkLinearChats = """
            UPDATE "Messages" SET "ParentId" = previous."PreviousId"
            FROM (SELECT "Id", LAG("Id") OVER (PARTITION BY "ChatId" ORDER BY "Id") AS "PreviousId" FROM "Messages") AS previous
            WHERE previous."Id" = "Messages"."Id" AND previous."PreviousId" IS NOT NULL;
            UPDATE "Chats" SET "CurrentLeafId" = (SELECT MAX(m."Id") FROM "Messages" AS m WHERE m."ChatId" = "Chats"."Id");
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ChatId_ParentId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CurrentLeafId",
                table: "Chats");
        }
    }
}
