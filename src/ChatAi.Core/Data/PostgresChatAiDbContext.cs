using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Data;

/// <summary>
/// <see cref="ChatAiDbContext"/> on PostgreSQL. A separate type only so that EF picks the migrations in
/// Migrations/Postgres (attributed with this type) instead of the SQLite ones; the model is the same.
/// </summary>
public sealed class PostgresChatAiDbContext(DbContextOptions<PostgresChatAiDbContext> options) : ChatAiDbContext(options);
