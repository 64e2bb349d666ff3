using System.Net;
using IrBot.Incidents;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Hosting;

/// <summary>The <c>dotnet run</c> default: no PostgreSQL, an embedded SQLite file, migrated on start.</summary>
public sealed class EmbeddedDatabaseSmokeTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("irbot-sqlite-").FullName;

    [Fact]
    public async Task Without_a_connection_string_the_bot_runs_on_an_embedded_SQLite_file_and_opens_incidents()
    {
        await using var app = await IrBotApp.StartWithEmbeddedDatabaseAsync(_dataDirectory);

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "irbot.db")));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready")).StatusCode);

        await app.SendCommandAsync("incident Smoke on SQLite");
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.Incidents.AnyAsync(i => i.Status == IncidentStatus.Active);
            },
            "the incident is open");

        await using var check = app.Db();
        var incident = await check.Incidents.SingleAsync();
        Assert.Equal("Smoke on SQLite", incident.Title);
        Assert.Equal(DateTimeKind.Utc, incident.OpenedAt.Kind);
        Assert.Single(app.Slack.Calls("conversations.create"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
