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
    /// uses, so the DbContext must keep no state of its own beyond what EF Core resets.
    /// Other folders hook in with an <see cref="IInterceptor"/> (the work queue wakes its processor on save).
    /// </summary>
    public static IServiceCollection AddIrBotData(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("IrBot");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddDbContextPool<IrBotDbContext, PostgresIrBotDbContext>((sp, o) => ConfigurePostgres(o, postgres).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton(new DatabaseInfo(DatabaseProvider.PostgreSql, "PostgreSQL"));
        }
        else
        {
            var directory = Path.GetFullPath(configuration["IrBot:DataDirectory"] is { Length: > 0 } d ? d : "data");
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, "irbot.db");
            services.AddDbContextPool<IrBotDbContext, SqliteIrBotDbContext>((sp, o) => ConfigureSqlite(o, $"Data Source={file}").AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton(new DatabaseInfo(DatabaseProvider.Sqlite, file));
        }

        services.AddHealthChecks().AddDbContextCheck<IrBotDbContext>("database", tags: ["ready"]);
        return services;
    }

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
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
