using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CurrentLeafId",
                table: "Chats",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ChatId_ParentId",
                table: "Messages",
                columns: new[] { "ChatId", "ParentId" });

            // Every existing (linear) chat becomes a single-path tree: each message follows the previous one of its chat,
            // and the chat shows its last message's path, so nothing is lost. Same SQL on SQLite and PostgreSQL.
            migrationBuilder.Sql(ChatAi.Core.Data.Migrations.AddMessageTree.LinkLinearChats);
        }

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
