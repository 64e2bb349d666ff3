using IrBot;
using IrBot.Data;
using IrBot.Hosting;
using IrBot.Incidents;
using IrBot.Integrations;
using IrBot.Integrations.Confluence;
using IrBot.IrTeam;
using IrBot.Roles;
using IrBot.Scheduling;
using IrBot.SlackApp;
using IrBot.Timeline;
using IrBot.Work;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.AddIrBotConfiguration(args);
builder.AddIrBotLogging();

builder.Services.AddIrBotCore(builder.Configuration);
builder.Services.AddIrBotData(builder.Configuration);
builder.Services.AddDurableWork();
builder.Services.AddIrBotScheduling();
builder.Services.AddIntegrationErrors();
builder.Services.AddSlackIntake(builder.Configuration);
builder.Services.AddIrTeam();
builder.Services.AddConfluence();
builder.Services.AddIncidents();
builder.Services.AddRoles();
builder.Services.AddTimeline(builder.Configuration);

var app = builder.Build();

if (args.Contains("migrate"))
{
    return await app.MigrateAndExitAsync();
}

app.UseSerilogRequestLogging();
app.MapIrBotHealth();
app.MapSlack();

await app.PrepareDatabaseAsync();
app.LogStartupSummary();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
