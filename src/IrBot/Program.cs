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
using IrBot.Timeline;
using IrBot.Work;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.AddIrBotConfiguration(args);
builder.AddIrBotLogging();

// Kernels: database, durable work, schedules, Slack intake, who the IR team is.
builder.Services.AddIrBotCore(builder.Configuration);
builder.Services.AddIrBotData(builder.Configuration);
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
builder.Services.AddStatistics();
builder.Services.AddAppHome();

var app = builder.Build();

if (args.Contains("migrate"))
{
    return await app.MigrateAndExitAsync();
}

app.UseIrBotRequestLogging();
app.MapIrBotHealth();
app.MapSlack();

try
{
    app.LogStartupSummary();
    if (!await app.CanReachDatabaseAsync())
    {
        return 1;
    }

    await app.PrepareDatabaseAsync();
    await app.LogIfNotMigratedAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // Say plainly which setting is wrong before the stack trace.
    await Console.Error.WriteLineAsync("IR Bot cannot start: " + string.Join(" ", ex.Failures));
    throw;
}

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
