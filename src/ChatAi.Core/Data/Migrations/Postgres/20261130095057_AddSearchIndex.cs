using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// Full-text search on PostgreSQL (generated empty by `dotnet ef migrations add`; the SQL below is written by hand).
    /// Stored generated tsvector columns, which the database itself recomputes on every insert and content/title change
    /// (a streaming reply's updates and edits included) and which go with their row on delete, each with a GIN index.
    /// Adding them computes them for the rows already there. The EF model does not know these columns (it never writes
    /// them); ChatService.Search.cs queries them. 'simple' configuration: words as typed, lower-cased, like SQLite's side.
    /// </summary>
    public partial class AddSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Content")) STORED;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Messages_SearchVector" ON "Messages" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""ALTER TABLE "Chats" ADD COLUMN "TitleSearch" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Title")) STORED;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Chats_TitleSearch" ON "Chats" USING GIN ("TitleSearch");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Chats_TitleSearch";""");
            migrationBuilder.Sql("""ALTER TABLE "Chats" DROP COLUMN IF EXISTS "TitleSearch";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Messages_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";""");
        }
    }
}
