using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations
{
    /// <summary>Hand-written (EF's design-time package is not served here); MigrationsDriftTests guards it.</summary>
    [DbContext(typeof(ChatAiDbContext))]
    [Migration("20261121000100_AddChats")]
    public partial class AddChats : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(name: "DisplayName", table: "AspNetUsers", type: "TEXT", maxLength: 100, nullable: true);
            migrationBuilder.AddColumn<string>(name: "TimeZone", table: "AspNetUsers", type: "TEXT", maxLength: 64, nullable: true);
            migrationBuilder.AddColumn<Guid>(name: "DefaultChatId", table: "AspNetUsers", type: "TEXT", nullable: true);

            migrationBuilder.CreateTable(
                name: "Chats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Pinned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Chats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Chats_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChatId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PromptTokens = table.Column<int>(type: "INTEGER", nullable: true),
                    CompletionTokens = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StopRequested = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Messages_Chats_ChatId",
                        column: x => x.ChatId,
                        principalTable: "Chats",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(name: "IX_Chats_UserId_CreatedAt", table: "Chats", columns: new[] { "UserId", "CreatedAt" });
            migrationBuilder.CreateIndex(name: "IX_Chats_UserId_LastActivityAt", table: "Chats", columns: new[] { "UserId", "LastActivityAt" });
            migrationBuilder.CreateIndex(name: "IX_Chats_UserId_Pinned_LastActivityAt", table: "Chats", columns: new[] { "UserId", "Pinned", "LastActivityAt" });
            migrationBuilder.CreateIndex(name: "IX_Messages_ChatId_Id", table: "Messages", columns: new[] { "ChatId", "Id" });
            migrationBuilder.CreateIndex(name: "IX_Messages_Status", table: "Messages", column: "Status");
            migrationBuilder.CreateIndex(name: "IX_Messages_OneStreamingPerChat", table: "Messages", column: "ChatId", unique: true, filter: "\"Status\" = 'Streaming'");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "DataProtectionKeys");
            migrationBuilder.DropTable(name: "Messages");
            migrationBuilder.DropTable(name: "Chats");
            migrationBuilder.DropColumn(name: "DisplayName", table: "AspNetUsers");
            migrationBuilder.DropColumn(name: "TimeZone", table: "AspNetUsers");
            migrationBuilder.DropColumn(name: "DefaultChatId", table: "AspNetUsers");
        }
    }
}
