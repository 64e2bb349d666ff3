using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Timeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.Tests.Timeline;

/// <summary>
/// <c>/note</c> stores with plain SQL; the integration tests run it on PostgreSQL, this runs it on SQLite
/// (the embedded default, a file as in production) through the real migrations.
/// </summary>
public sealed class NoteCommandSqliteTests : IAsyncLifetime, IDisposable
{
    private const string Member = "UIRTEAM001";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"irbot-note-{Guid.NewGuid():N}.db");
    private DirectConnections _connections = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 22, 41, 7, TimeSpan.Zero));
    private SqliteIrBotDbContext _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var connectionString = "Data Source=" + _file;
        var options = new DbContextOptionsBuilder<SqliteIrBotDbContext>();
        DataExtensions.ConfigureSqlite(options, connectionString);
        _connections = DirectConnections.Sqlite(connectionString);
        _db = new SqliteIrBotDbContext(options.Options);
        await _db.Database.MigrateAsync();
        _db.Incidents.Add(new Incident { Number = 1, Title = "t", RequestedBy = Member, Status = IncidentStatus.Active, ChannelId = "CINC", ScribeId = "USCRIBE" });
        _db.Incidents.Add(new Incident { Number = 2, Title = "old", RequestedBy = Member, Status = IncidentStatus.Closed, ChannelId = "COLD" });
        await _db.SaveChangesAsync();
        _services = new ServiceCollection().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _services.DisposeAsync();
        await _connections.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private async Task<string> NoteAsync(string text, string user, string channel)
    {
        var team = new IrTeamDirectory(
            new StaticOptions(new IrTeamOptions { Members = [Member] }),
            _services.GetRequiredService<IServiceScopeFactory>(),
            _time,
            NullLogger<IrTeamDirectory>.Instance);
        var command = new NoteCommand(_connections, team, _time);
        var slash = new SlashCommand { Command = "/note", Text = text, UserId = user, ChannelId = channel };
        return (await command.HandleAsync(new CommandContext(slash, text), CancellationToken.None)).Text;
    }

    [Fact]
    public async Task Notes_are_stored_for_the_team_and_the_scribe_and_refused_otherwise()
    {
        var member = await NoteAsync("first", Member, "CINC");
        var scribe = await NoteAsync("second", "USCRIBE", "CINC");
        var outsider = await NoteAsync("third", "UOTHER", "CINC");
        var closed = await NoteAsync("fourth", Member, "COLD");

        Assert.Contains("Noted as note 1 at 2026-11-25 22:41:07 UTC", member, StringComparison.Ordinal);
        Assert.Contains("Noted as note 2", scribe, StringComparison.Ordinal);
        Assert.Equal(TimelineAccess.Refused, outsider);
        Assert.Equal(IncidentLookup.NotAnIncidentChannel, closed);
        var notes = await _db.TimelineNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(["first", "second"], notes.Select(n => n.Text));
        Assert.Equal(new DateTime(2026, 11, 25, 22, 41, 7, DateTimeKind.Utc), notes[0].OccurredAt);
        Assert.Equal([Member, "USCRIBE"], notes.Select(n => n.AuthorId));
        Assert.All(notes, n => Assert.Null(n.PublishedAt));
    }

    private sealed class StaticOptions(IrTeamOptions value) : IOptionsMonitor<IrTeamOptions>
    {
        public IrTeamOptions CurrentValue => value;
        public IrTeamOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<IrTeamOptions, string?> listener) => null;
    }
}
