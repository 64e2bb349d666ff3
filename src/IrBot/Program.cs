using IrBot;
using IrBot.AppHome;
using IrBot.Data;
using IrBot.Hosting;
using IrBot.Incidents;
using IrBot.Integrations;
using IrBot.Integrations.Confluence;
using IrBot.Integrations.Jira;
using IrBot.Integrations.SumoLogic;
using IrBot.Integrations.TheHive;
using IrBot.IrTeam;
using IrBot.Participants;
using IrBot.Roles;
using IrBot.Scheduling;
using IrBot.SlackApp;
using IrBot.Statistics;
using IrBot.Tasks;
using IrBot.Telemetry;
using IrBot.Timeline;
using IrBot.Work;
using IrBot.Workflows;
using Microsoft.Extensions.Options;
using Serilog;

return await IrBotCommandLine.InvokeAsync(args, new IrBotCommands(ServeAsync, MigrateAsync, CheckConfigAsync));

static WebApplication Build(string[] args)
{
    // The slim builder: plain HTTP (TLS is the proxy's, README "Production with docker compose"), and no IIS, HTTP/3
    // or hosting-startup assemblies to load; configuration from the same files, variables and arguments.
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddIrBotConfiguration();
    builder.AddIrBotLogging();

    // Kernels: database, durable work, schedules, Slack intake, who the IR team is.
    builder.Services.AddIrBotCore(builder.Configuration);
    builder.Services.AddIrBotData(builder.Configuration);
    builder.Services.AddIrBotTelemetry(builder.Configuration);
    builder.Services.AddDurableWork(builder.Configuration);
    builder.Services.AddIrBotScheduling(builder.Configuration);
    builder.Services.AddSlackIntake(builder.Configuration);
    builder.Services.AddIrTeam();

    // Integrations: each off until its base URL is set.
    builder.Services.AddIntegrationErrors();
    builder.Services.AddConfluence();
    builder.Services.AddTheHive();
    builder.Services.AddJira();
    builder.Services.AddSumoLogic();

    // Features.
    builder.Services.AddIncidents();
    builder.Services.AddRoles();
    builder.Services.AddTasks(builder.Configuration);
    builder.Services.AddParticipants(builder.Configuration);
    builder.Services.AddTimeline(builder.Configuration);
    builder.Services.AddWorkflows();
    builder.Services.AddStatistics();
    builder.Services.AddAppHome();

    return builder.Build();
}

static async Task<int> ServeAsync(string[] args)
{
    var app = Build(args);
    // Every setting is checked before anything runs, so a bad one is one line and exit code 2 (IrBotCommandLine).
    ThrowIfInvalid(app);
    // Disposed on every way out from here, so the log's queue (Hosting/BatchedConsoleSink.cs) is written before the process ends.
    await using (app)
    {
        app.UseIrBotRequestLogging();
        app.MapIrBotHealth();
        app.MapIrBotMetrics();
        app.MapSlack();

        app.LogStartupSummary();
        if (!await app.CanReachDatabaseAsync())
        {
            return 1;
        }

        await app.PrepareDatabaseAsync();
        await app.LogIfNotMigratedAsync();
        await app.RunAsync();
        return 0;
    }
}

static async Task<int> MigrateAsync(string[] args)
{
    var app = Build(args);
    ThrowIfInvalid(app);
    await using (app)
    {
        return await app.MigrateAndExitAsync();
    }
}

static async Task<int> CheckConfigAsync(string[] args)
{
    var probe = args.Contains(IrBotCommandLine.ProbeOption);
    var app = Build([.. args.Where(a => a != IrBotCommandLine.ProbeOption)]);
    var problems = ConfigurationErrors.Validate(app.Services);
    foreach (var problem in problems)
    {
        Console.Out.WriteLine(problem);
    }

    if (problems.Count > 0)
    {
        return IrBotCommandLine.BadConfiguration;
    }

    Console.Out.WriteLine("Configuration OK");
    if (!probe)
    {
        return 0;
    }

    // Settings are valid: now ask each system, read-only, whether it accepts them.
    var results = await ConfigProbes.RunAsync(app.Services, CancellationToken.None);
    foreach (var (line, _) in results)
    {
        Console.Out.WriteLine(line);
    }

    return results.Any(r => r.Failed) ? IrBotCommandLine.ProbeFailed : 0;
}

// The validations the host would run at start, run first: their exception (the original type, which an
// in-process test host sees) becomes one line and exit code 2 in IrBotCommandLine.
static void ThrowIfInvalid(WebApplication app) => app.Services.GetService<IStartupValidator>()?.Validate();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
