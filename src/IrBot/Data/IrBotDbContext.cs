using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IrBot.Data;

/// <summary>
/// The one DbContext. Two subclasses exist only so each provider (PostgreSQL, SQLite) keeps its own
/// migrations; code depends on this type.
/// Each folder adds its entities (an <c>IEntityTypeConfiguration</c>) and its sets (extension properties such
/// as <c>db.Incidents</c>), so this kernel knows none of them.
/// </summary>
public class IrBotDbContext(DbContextOptions options) : DbContext(options)
{

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IrBotDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC. SQLite hands DateTimes back as Unspecified; say what they are.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>PostgreSQL: production, docker-compose and the integration tests.</summary>
public sealed class PostgresIrBotDbContext(DbContextOptions<PostgresIrBotDbContext> options) : IrBotDbContext(options);

/// <summary>Embedded SQLite: what <c>dotnet run</c> uses when no connection string is set.</summary>
public sealed class SqliteIrBotDbContext(DbContextOptions<SqliteIrBotDbContext> options) : IrBotDbContext(options);
