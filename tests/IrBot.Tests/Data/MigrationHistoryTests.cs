using IrBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tests.Data;

/// <summary>The readiness check's own reading of the history table, against what EF Core's migrate writes.</summary>
public sealed class MigrationHistoryTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"irbot-migrations-{Guid.NewGuid():N}.db");
    private readonly MigrationHistory _history;

    public MigrationHistoryTests() =>
        _history = new MigrationHistory(DirectConnections.Sqlite("Data Source=" + _file), new DatabaseInfo(DatabaseProvider.Sqlite, _file));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private SqliteIrBotDbContext Sqlite()
    {
        var options = new DbContextOptionsBuilder<SqliteIrBotDbContext>();
        DataExtensions.ConfigureSqlite(options, "Data Source=" + _file);
        return new SqliteIrBotDbContext(options.Options);
    }

    [Fact]
    public void Each_providers_list_names_every_migration_EF_Core_finds_in_order()
    {
        var postgres = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        DataExtensions.ConfigurePostgres(postgres, "Host=localhost;Database=none");
        using var postgresDb = new PostgresIrBotDbContext(postgres.Options);
        using var sqliteDb = Sqlite();

        // A failure here means a migration was added: name its class in KnownMigrations (Data/MigrationHistory.cs).
        Assert.Equal(postgresDb.Database.GetMigrations(), KnownMigrations.For(DatabaseProvider.PostgreSql));
        Assert.Equal(sqliteDb.Database.GetMigrations(), KnownMigrations.For(DatabaseProvider.Sqlite));
        Assert.NotEmpty(KnownMigrations.For(DatabaseProvider.Sqlite));
    }

    [Fact]
    public async Task A_database_never_migrated_has_every_migration_pending()
    {
        Assert.Equal(KnownMigrations.For(DatabaseProvider.Sqlite), await _history.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_migrated_database_has_none_pending_and_one_an_older_build_left_out_is_pending()
    {
        await using var db = Sqlite();
        await db.Database.MigrateAsync();
        Assert.Empty(await _history.PendingAsync(CancellationToken.None));

        var latest = KnownMigrations.For(DatabaseProvider.Sqlite)[^1];
        await db.Database.ExecuteSqlAsync($"DELETE FROM __ef_migrations_history WHERE migration_id = {latest}");

        Assert.Equal([latest], await _history.PendingAsync(CancellationToken.None));
    }
}
