using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace IrBot.Data;

/// <summary>
/// The migrations this build has and the database has not applied, from one query on the history table. EF Core's
/// <c>GetPendingMigrationsAsync</c> gives the same answer, but on every call (every readiness probe) it builds a model of
/// the history table with the whole convention set, and it finds the migrations by loading every type in this assembly:
/// together about 1,200 types and 2,000 compiled methods the running service otherwise never needs (#15; with the
/// compiled model, no convention runs at all).
/// </summary>
internal sealed class MigrationHistory(DirectConnections connections, DatabaseInfo database)
{
    /// <summary>The history table (both providers); EF Core's <c>migrate</c> writes it.</summary>
    public const string Table = "__ef_migrations_history";

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var command = connections.CreateCommand(connection, $"SELECT migration_id FROM {Table}"))
        {
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            catch (DbException ex) when (IsMissingTable(ex))
            {
                // Never migrated: every migration is pending.
            }
        }

        return KnownMigrations.For(database.Provider).Where(id => !applied.Contains(id)).ToList();
    }

    private static bool IsMissingTable(DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UndefinedTable,
        SqliteException sqlite => sqlite.SqliteErrorCode == 1 && sqlite.Message.Contains("no such table", StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>
/// Each provider's migrations, oldest first, named here so that nothing searches the assembly for them. A migration
/// added with <c>dotnet ef migrations add</c> goes in its provider's list too: <c>MigrationHistoryTests</c> fails until
/// it is. Named by class, not <c>typeof</c>, so the project still builds while <c>scripts/regenerate-migrations.sh</c>
/// has deleted the migrations to write them again (it keeps the class names).
/// </summary>
internal static class KnownMigrations
{
    private static readonly IReadOnlyList<string> Postgres = Ids("IrBot.Data.Migrations.Postgres.InitialCreate");
    private static readonly IReadOnlyList<string> Sqlite = Ids("IrBot.Data.Migrations.Sqlite.InitialCreate");

    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql ? Postgres : Sqlite;

    private static string[] Ids(params string[] migrations) =>
        [.. migrations.Select(name => typeof(KnownMigrations).Assembly.GetType(name, throwOnError: true)!.GetCustomAttribute<MigrationAttribute>()!.Id)];
}
