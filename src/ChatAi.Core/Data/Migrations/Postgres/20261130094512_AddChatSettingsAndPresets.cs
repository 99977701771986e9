using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddChatSettingsAndPresets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Instructions",
                table: "Chats",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxReplyTokens",
                table: "Chats",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Temperature",
                table: "Chats",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChatPresets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Instructions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Temperature = table.Column<double>(type: "double precision", nullable: true),
                    MaxReplyTokens = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatPresets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChatPresets_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChatPresets_UserId_Name",
                table: "ChatPresets",
                columns: new[] { "UserId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChatPresets");

            migrationBuilder.DropColumn(
                name: "Instructions",
                table: "Chats");

            migrationBuilder.DropColumn(
                name: "MaxReplyTokens",
                table: "Chats");

            migrationBuilder.DropColumn(
                name: "Temperature",
                table: "Chats");
        }
    }
}
