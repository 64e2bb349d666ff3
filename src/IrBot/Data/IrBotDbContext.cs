using IrBot.Incidents;
using IrBot.Participants;
using IrBot.Roles;
using IrBot.SlackApp;
using IrBot.Tasks;
using IrBot.Timeline;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IrBot.Data;

/// <summary>
/// The one DbContext. Two subclasses exist only so each provider (PostgreSQL, SQLite) keeps its own
/// migrations; code depends on this type.
/// </summary>
public class IrBotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<RoleChange> RoleChanges => Set<RoleChange>();
    public DbSet<MembershipEvent> MembershipEvents => Set<MembershipEvent>();
    public DbSet<IncidentTask> Tasks => Set<IncidentTask>();
    public DbSet<ReminderClaim> ReminderClaims => Set<ReminderClaim>();
    public DbSet<TimelineNote> TimelineNotes => Set<TimelineNote>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IrBotDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC. SQLite hands DateTimes back as Unspecified; say what they are.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>PostgreSQL: production, docker-compose and the integration tests.</summary>
public sealed class PostgresIrBotDbContext(DbContextOptions<PostgresIrBotDbContext> options) : IrBotDbContext(options);

/// <summary>Embedded SQLite: what <c>dotnet run</c> uses when no connection string is set.</summary>
public sealed class SqliteIrBotDbContext(DbContextOptions<SqliteIrBotDbContext> options) : IrBotDbContext(options);
