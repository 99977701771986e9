using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// Search scoped to its owner inside the index (generated empty by `dotnet ef migrations add`; the SQL below is written
    /// by hand). AddSearchIndex's GIN indexes held every user's words together, so a search matched all users' hits and
    /// kept the caller's afterwards. Here each GIN index holds the owner next to the words: Chats on ("UserId",
    /// "TitleSearch"), Messages on a new "SearchUserId" column (the chat's owner, set by a trigger on insert and when a
    /// message changes chat; messages never change owner otherwise) and "SearchVector". A multi-column GIN index over a
    /// text and a tsvector needs the btree_gin extension (in PostgreSQL's contrib, marked trusted: a database owner can
    /// create it). The GIN scan then intersects the owner's and the words' posting lists itself. The EF model does not know
    /// "SearchUserId" (nullable, never written by EF); ChatService.Search.cs queries it.
    /// </summary>
    public partial class ScopeSearchToOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE EXTENSION IF NOT EXISTS btree_gin;""");
            migrationBuilder.Sql("""ALTER TABLE "Messages" ADD COLUMN "SearchUserId" text;""");
            migrationBuilder.Sql("""
                CREATE FUNCTION "Messages_SearchUserId"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."SearchUserId" := (SELECT c."UserId" FROM "Chats" c WHERE c."Id" = NEW."ChatId");
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Messages_SearchUserId" BEFORE INSERT OR UPDATE OF "ChatId" ON "Messages"
                FOR EACH ROW EXECUTE FUNCTION "Messages_SearchUserId"();
                """);
            migrationBuilder.Sql("""UPDATE "Messages" m SET "SearchUserId" = c."UserId" FROM "Chats" c WHERE c."Id" = m."ChatId";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Messages_SearchVector";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Messages_SearchUserId_SearchVector" ON "Messages" USING GIN ("SearchUserId", "SearchVector");""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Chats_TitleSearch";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Chats_UserId_TitleSearch" ON "Chats" USING GIN ("UserId", "TitleSearch");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Chats_UserId_TitleSearch";""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Chats_TitleSearch" ON "Chats" USING GIN ("TitleSearch");""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Messages_SearchUserId_SearchVector";""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Messages_SearchVector" ON "Messages" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Messages_SearchUserId" ON "Messages";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "Messages_SearchUserId"();""");
            migrationBuilder.Sql("""ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchUserId";""");
        }
    }
}
