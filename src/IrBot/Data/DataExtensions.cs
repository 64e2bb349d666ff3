using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;

namespace IrBot.Data;

public static class DataExtensions
{
    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:IrBot</c> is set, else an embedded SQLite file in
    /// <c>IrBot:DataDirectory</c> (default <c>./data</c>).
    /// Contexts are pooled: every Slack request needs one, and reusing them saves building the
    /// context's services each time on the <c>/note</c> hot path. Pooled contexts are reset between
    /// uses, so the DbContext must keep no state of its own beyond what EF Core resets. A single statement on the
    /// hottest path skips the context altogether (<see cref="DirectConnections"/>).
    /// Other folders hook in with an <see cref="IInterceptor"/> (the work queue wakes its processor on save).
    /// </summary>
    public static IServiceCollection AddIrBotData(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("IrBot");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddDbContextPool<IrBotDbContext, PostgresIrBotDbContext>((sp, o) => ConfigurePostgres(o, postgres).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton(new DatabaseInfo(DatabaseProvider.PostgreSql, "PostgreSQL") { Where = PostgresWhere(postgres) });
            services.AddSingleton(_ => DirectConnections.Postgres(postgres));
        }
        else
        {
            var directory = Path.GetFullPath(configuration["IrBot:DataDirectory"] is { Length: > 0 } d ? d : "data");
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, "irbot.db");
            services.AddDbContextPool<IrBotDbContext, SqliteIrBotDbContext>((sp, o) => ConfigureSqlite(o, $"Data Source={file}").AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton(new DatabaseInfo(DatabaseProvider.Sqlite, file));
            services.AddSingleton(_ => DirectConnections.Sqlite($"Data Source={file}"));
        }

        services.AddSingleton<NumberAllocator>();
        services.AddSingleton<MigrationHistory>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        LogFailuresOnce(options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationHistory.Table))
            .UseSnakeCaseNamingConvention());

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        LogFailuresOnce(options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationHistory.Table))
            .UseSnakeCaseNamingConvention());

    /// <summary>
    /// EF Core logs a failed command or save at Error with the stack trace, and then throws to a caller that
    /// logs it again at the level it deserves (a duplicate Slack event is expected; the first <c>migrate</c>
    /// probes a history table that is not there yet). The caller's line is the one that counts.
    /// </summary>
    private static DbContextOptionsBuilder LogFailuresOnce(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug)));

    private static string PostgresWhere(string connectionString)
    {
        try
        {
            var parts = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {parts.Host}:{parts.Port}/{parts.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (ConnectionStrings:IrBot cannot be read)";
        }
    }
}

/// <summary>Design-time factories so <c>dotnet ef</c> can build each provider's migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIrBotDbContext>
{
    public PostgresIrBotDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        DataExtensions.ConfigurePostgres(builder, "Host=localhost;Database=irbot_design");
        return new PostgresIrBotDbContext(builder.Options);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIrBotDbContext>
{
    public SqliteIrBotDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteIrBotDbContext>();
        DataExtensions.ConfigureSqlite(builder, "Data Source=design.db");
        return new SqliteIrBotDbContext(builder.Options);
    }
}
