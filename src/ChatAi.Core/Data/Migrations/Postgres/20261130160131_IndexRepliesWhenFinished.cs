using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatAi.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// A reply enters the search index once it is finished, not at every save while it streams (generated empty by
    /// `dotnet ef migrations add`; the SQL below is written by hand). "SearchVector" was a stored generated column, which
    /// PostgreSQL recomputes on every update of the row: each save of a streaming reply (every StreamSaveIntervalMs)
    /// parsed everything written so far again, and since the vector changed, the update could not be HOT and put new
    /// entries into every index of Messages, the GIN index on (owner, words) included. Here it becomes a plain column
    /// (its values kept) set by a trigger: NULL while the message is 'Streaming' (so a streaming reply is not found), the
    /// words when it is inserted finished or its status leaves Streaming, and again when a finished message's content
    /// changes (edits). A save of a streaming reply then leaves every indexed column as it was. The EF model still does
    /// not know the column; ChatService.Search.cs queries it. <see cref="Statements"/> can run again (for a test that
    /// switches between this and the generated column).
    /// </summary>
    public partial class IndexRepliesWhenFinished : Migration
    {
        public static readonly string[] Statements =
        [
            """ALTER TABLE "Messages" ALTER COLUMN "SearchVector" DROP EXPRESSION IF EXISTS;""",
            """
            CREATE OR REPLACE FUNCTION "Messages_SearchVector"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW."Status" = 'Streaming' THEN
                    NEW."SearchVector" := NULL;
                ELSIF TG_OP = 'INSERT' THEN
                    NEW."SearchVector" := to_tsvector('simple'::regconfig, NEW."Content");
                ELSIF OLD."Status" = 'Streaming' OR OLD."Content" IS DISTINCT FROM NEW."Content" THEN
                    NEW."SearchVector" := to_tsvector('simple'::regconfig, NEW."Content");
                END IF;
                RETURN NEW;
            END $$;
            """,
            """DROP TRIGGER IF EXISTS "Messages_SearchVector" ON "Messages";""",
            """
            CREATE TRIGGER "Messages_SearchVector" BEFORE INSERT OR UPDATE OF "Content", "Status" ON "Messages"
            FOR EACH ROW EXECUTE FUNCTION "Messages_SearchVector"();
            """,
            // Replies streaming now had their words computed; they come back when they finish.
            """UPDATE "Messages" SET "SearchVector" = NULL WHERE "Status" = 'Streaming' AND "SearchVector" IS NOT NULL;""",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Statements) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The generated column again (dropping the column drops its GIN index; both come back as ScopeSearchToOwner left them).
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Messages_SearchVector" ON "Messages";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "Messages_SearchVector"();""");
            migrationBuilder.Sql("""ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Content")) STORED;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Messages_SearchUserId_SearchVector" ON "Messages" USING GIN ("SearchUserId", "SearchVector");""");
        }
    }
}
