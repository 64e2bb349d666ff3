using IrBot.Data;
using IrBot.Incidents;
using IrBot.TestSupport;
using IrBot.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrBot.IntegrationTests.Timeline;

/// <summary>
/// Notes stored Slack-escaped by older versions are decoded once, by the data fixes that <c>migrate</c> (and a
/// start that migrates) runs, on both databases the bot supports.
/// </summary>
public sealed class UnescapeOldNotesTests
{
    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("SQLite")]
    public async Task Old_escaped_notes_are_decoded_once_and_an_entity_typed_after_the_fix_is_kept_as_typed(string provider)
    {
        var directory = Directory.CreateTempSubdirectory("irbot-datafix-");
        var settings = provider == "PostgreSQL"
            ? new Dictionary<string, string?> { ["ConnectionStrings:IrBot"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync() }
            : new Dictionary<string, string?> { ["IrBot:DataDirectory"] = directory.FullName };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddIrBotData(configuration);
        services.AddScoped<IDataFix, UnescapeOldNotes>();
        await using var serviceProvider = services.BuildServiceProvider();

        var published = DateTime.UtcNow.AddHours(-1);
        int live, closed;
        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            await db.Database.MigrateAsync();
            var liveIncident = new Incident { Number = 1, Title = "t", RequestedBy = "U1", Status = IncidentStatus.Active, ChannelId = "CLIVE" };
            var closedIncident = new Incident { Number = 2, Title = "t", RequestedBy = "U1", Status = IncidentStatus.Closed, ChannelId = "CCLOSED" };
            db.Incidents.AddRange(liveIncident, closedIncident);
            await db.SaveChangesAsync();
            (live, closed) = (liveIncident.Id, closedIncident.Id);
            db.TimelineNotes.AddRange(
                Note(live, "Blocked evil.example &amp; its CDN"),
                Note(live, "&lt;!channel&gt; ask &lt;@U0123ABCD&gt;"),
                Note(live, "AT&amp;amp;T called", published),
                Note(closed, "R&amp;D laptop", published),
                Note(live, "nothing to decode"));
            await db.SaveChangesAsync();
        }

        await DataFixes.ApplyAsync(serviceProvider, NullLogger.Instance);

        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            var notes = await db.TimelineNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
            Assert.Equal(
                ["Blocked evil.example & its CDN", "<!channel> ask <@U0123ABCD>", "AT&amp;T called", "R&D laptop", "nothing to decode"],
                notes.Select(n => n.Text));
            // The live incident's note already on the page goes out again with its corrected text; the closed one's page stays as archived.
            Assert.True(notes[2].UpdatedAt > notes[2].PublishedAt, "the published live note is pending again");
            Assert.Equal(notes[3].PublishedAt, notes[3].UpdatedAt);

            // Typed after the fix: stored as typed (intake decodes Slack's escaping), never decoded again.
            db.TimelineNotes.Add(Note(live, "Q&amp;A is a literal entity"));
            await db.SaveChangesAsync();
        }

        await DataFixes.ApplyAsync(serviceProvider, NullLogger.Instance);

        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            Assert.Equal("Q&amp;A is a literal entity", (await db.TimelineNotes.OrderBy(n => n.Id).LastAsync()).Text);
            Assert.Equal("AT&amp;T called", (await db.TimelineNotes.SingleAsync(n => n.Text.StartsWith("AT"))).Text);
            var record = await db.Set<AppliedDataFix>().SingleAsync();
            Assert.Equal((new UnescapeOldNotes(TimeProvider.System).Name, 4), (record.Name, record.RowsChanged));
        }

        if (provider == "SQLite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        directory.Delete(recursive: true);
    }

    private static TimelineNote Note(int incidentId, string text, DateTime? publishedAt = null) => new()
    {
        IncidentId = incidentId,
        AuthorId = "UAUTHOR001",
        Text = text,
        OccurredAt = DateTime.UtcNow.AddHours(-2),
        CreatedAt = DateTime.UtcNow.AddHours(-2),
        UpdatedAt = publishedAt ?? DateTime.UtcNow.AddHours(-2),
        PublishedAt = publishedAt,
    };
}
