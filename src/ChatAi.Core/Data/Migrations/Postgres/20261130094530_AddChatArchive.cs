using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddChatArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Chats",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Chats");
        }
    }
}
