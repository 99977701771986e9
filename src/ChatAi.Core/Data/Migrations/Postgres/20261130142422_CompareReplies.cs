using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompareReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_OneStreamingPerChat",
                table: "Messages");

            migrationBuilder.AddColumn<int>(
                name: "CompareSlot",
                table: "Messages",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OneStreamingPerChat",
                table: "Messages",
                column: "ChatId",
                unique: true,
                filter: "\"Status\" = 'Streaming' AND (\"CompareSlot\" IS NULL OR \"CompareSlot\" = 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_OneStreamingPerChat",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CompareSlot",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OneStreamingPerChat",
                table: "Messages",
                column: "ChatId",
                unique: true,
                filter: "\"Status\" = 'Streaming'");
        }
    }
}
