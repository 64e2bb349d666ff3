using IrBot.Admin;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.IrTeam;
using IrBot.Slack.WebApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace IrBot.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Loads the repository-root <c>appsettings.Development.json</c> (placeholders only) when running from a checkout in
    /// Development, just after the project's own appsettings files: user secrets, environment variables and the
    /// command line, added later by the host, still win over it.
    /// </summary>
    public static void AddIrBotConfiguration(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }

        var dir = new DirectoryInfo(builder.Environment.ContentRootPath);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IrBot.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            return;
        }

        var rootFile = new JsonConfigurationSource
        {
            Path = Path.Combine(dir.FullName, "appsettings.Development.json"),
            Optional = true,
            ReloadOnChange = false,
        };
        rootFile.ResolveFileProvider();
        var sources = builder.Configuration.Sources;
        var environmentFile = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var after = sources.Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource json && string.Equals(json.Path, environmentFile, StringComparison.OrdinalIgnoreCase));
        sources.Insert(after.source is null ? 0 : after.index + 1, rootFile);
    }

    /// <summary>Serilog: readable console in Development, compact JSON elsewhere.</summary>
    public static void AddIrBotLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        // Read now, so a bad level stops the start with one line naming the setting.
        var levels = LogLevelSettings.Read(builder.Configuration);
        builder.Services.AddSerilog((services, logger) =>
        {
            // ReadFrom.Services: sinks registered in DI (the tests' log capture) receive events too.
            logger.ReadFrom.Services(services)
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                // The host's own per-request log (a scope and an Activity for every request, even with nothing at
                // Information): RequestLogMiddleware writes the request line. With tracing on the Activity still exists.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", Serilog.Events.LevelAlias.Off)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", Serilog.Events.LogEventLevel.Warning)
                .Apply(levels)
                .Enrich.FromLogContext();
            if (development)
            {
                logger.WriteTo.Console();
            }
            else
            {
                // One JSON line per event, queued by the request and written in batches by one background task.
                logger.WriteTo.Sink(new BatchedConsoleSink(new RenderedCompactJsonFormatter()));
            }
        },
        // This host's own logger, not the process-wide static one: two hosts in one process (the tests run
        // several) must not write into each other's logs.
        preserveStaticLogger: true);
    }

    public static IServiceCollection AddIrBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // HttpClientFactory's log scopes carry the full request URI, and some URIs are secrets
        // (a Sumo Logic collector URL, a Slack response_url). We log failures ourselves, without URIs.
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        services.AddOptions<IrBotOptions>().Bind(configuration.GetSection(IrBotOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.AdminChannelId) || o.AdminChannelId.Trim()[0] is 'C' or 'G',
                "IrBot:AdminChannelId must be a Slack channel id (C… or G…).")
            .ValidateOnStart();
        services.AddScoped<AdminChannel>();
        services.AddHealthChecks().AddCheck<IntegrationsConfiguredCheck>("integrations", tags: ["ready"]);
        return services;
    }

    public static void MapIrBotHealth(this WebApplication app)
    {
        // Live: the process answers. Ready: it can serve — database reachable and migrated, Slack accepts the
        // token, the integrations that are on are configured. Not ready is 503 with each reason in the body.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
        // Config: the integrations' settings checked against the systems (e.g. Jira's project, priorities, security level).
        app.MapHealthChecks("/health/config", new HealthCheckOptions { Predicate = c => c.Tags.Contains("config"), ResponseWriter = HealthReportWriter.WriteAsync });
    }

    /// <summary>One line per request, Information below 500; health probes are not logged (they come every few seconds).</summary>
    public static void UseIrBotRequestLogging(this WebApplication app) =>
        app.UseMiddleware<RequestLogMiddleware>(app.Services.GetRequiredService<Serilog.ILogger>());

    /// <summary>
    /// An unreachable database at start is fatal: one line naming the setting and the host, and exit code 1
    /// (not an exception from whatever touched the database first).
    /// </summary>
    private static readonly TimeSpan StartupDatabaseWait = TimeSpan.FromSeconds(60);

    public static async Task<bool> CanReachDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var database = app.Services.GetRequiredService<DatabaseInfo>();
        try
        {
            // Npgsql's own connect timeout (Timeout=, 15 s by default) names an unreachable host; this is only the
            // backstop for a server that accepts and never answers. It is generous because a process's first
            // connection also loads and compiles the driver, which takes seconds on a starved machine.
            using var timeout = new CancellationTokenSource(StartupDatabaseWait, TimeProvider.System);
            await db.Database.OpenConnectionAsync(timeout.Token);
            await db.Database.CloseConnectionAsync();
            return true;
        }
        catch (Exception ex)
        {
            app.Logger.LogCritical(
                "Cannot reach the database {Where} (ConnectionStrings:IrBot): {Error}. Check the host, port and credentials in ConnectionStrings:IrBot and that the server is up",
                database.Where,
                ex is OperationCanceledException ? $"no answer within {StartupDatabaseWait.TotalSeconds:F0} s" : ex.GetBaseException().Message);
            return false;
        }
    }

    /// <summary>A database that is not migrated keeps the service up but not ready; the log says what to run.</summary>
    public static async Task LogIfNotMigratedAsync(this WebApplication app)
    {
        var pending = await app.Services.GetRequiredService<MigrationHistory>().PendingAsync(CancellationToken.None);
        if (pending.Count > 0)
        {
            app.Logger.LogError(
                "The database {Where} is not migrated ({Pending} migration(s) pending): {Hint}. Until then /health/ready answers 503",
                app.Services.GetRequiredService<DatabaseInfo>().Where,
                pending.Count,
                DatabaseReadyCheck.MigrateHint);
        }
    }

    /// <summary>
    /// The embedded SQLite default and Development migrate on start; production PostgreSQL is migrated
    /// by the explicit <c>migrate</c> command (compose runs it before the service). Either way the data
    /// fixes not yet applied run right after (<see cref="DataFixes"/>).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseInfo>();
        var migrateOnStart = database.Provider == DatabaseProvider.Sqlite
            || app.Environment.IsDevelopment()
            || app.Configuration.GetValue<bool>("Database:MigrateOnStart");
        if (!migrateOnStart)
        {
            return;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IrBotDbContext>().Database.MigrateAsync();
        }

        await DataFixes.ApplyAsync(app.Services, app.Logger);
    }

    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseInfo>();
        if (!await app.CanReachDatabaseAsync())
        {
            return 1;
        }

        app.Logger.LogInformation("Applying migrations to {Provider}", database.Provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IrBotDbContext>().Database.MigrateAsync();
        }

        await DataFixes.ApplyAsync(app.Services, app.Logger);
        app.Logger.LogInformation("Migrations applied");
        return 0;
    }

    public static void LogStartupSummary(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseInfo>();
        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var team = app.Services.GetRequiredService<IOptions<IrTeamOptions>>().Value;
        var bot = app.Services.GetRequiredService<IOptions<IrBotOptions>>().Value;
        var integrations = app.Services.GetServices<IntegrationStatus>().ToList();
        app.Logger.LogInformation(
            "IR Bot starting: database {Provider} ({Database}), Slack API {SlackApi}, Slack in by {SlackMode}, admin channel {AdminChannel}, integrations on: {On}, off: {Off}",
            database.Provider,
            database.Where,
            slack.ApiBaseUrl,
            slack.SocketMode ? "Socket Mode (Slack:AppToken)" : "HTTP (/slack/*, Slack:SigningSecret)",
            string.IsNullOrWhiteSpace(bot.AdminChannelId) ? "not set" : bot.AdminChannelId,
            string.Join(", ", integrations.Where(i => i.Enabled).Select(i => i.Name).DefaultIfEmpty("none")),
            string.Join(", ", integrations.Where(i => !i.Enabled).Select(i => i.Name).DefaultIfEmpty("none")));
        if (team.Members.Count == 0 && string.IsNullOrWhiteSpace(team.UserGroupId))
        {
            app.Logger.LogWarning("No IR team configured (IrTeam:Members, IrTeam:UserGroupId): nobody can open incidents");
        }
    }
}
