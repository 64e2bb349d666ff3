using IrBot.Data;
using IrBot.Incidents;
using IrBot.Tests.Data;
using IrBot.Timeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tests.Timeline;

/// <summary>
/// Marking notes published is one UPDATE on the notes as they were read; the integration tests run it on PostgreSQL,
/// this on SQLite (the embedded default) through the real migrations.
/// </summary>
public sealed class MarkPublishedSqliteTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Written = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private SqliteIrBotDbContext _db = null!;

    public async Task InitializeAsync() => _db = await InMemorySqlite.OpenMigratedAsync(_connection);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public async Task Only_the_notes_that_went_out_as_they_were_read_are_marked_published()
    {
        var incident = await IncidentAsync(1);
        var other = await IncidentAsync(2);
        for (var i = 0; i < 3; i++)
        {
            _db.TimelineNotes.Add(Note(incident.Id, "note " + i, Written.AddSeconds(i)));
        }

        _db.TimelineNotes.Add(Note(other.Id, "other incident", Written));
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        var sent = await TimelinePublisher.Pending(_db.TimelineNotes.AsNoTracking().Where(n => n.IncidentId == incident.Id)).OrderBy(n => n.Id).ToListAsync();

        // While the page is written: the second note is corrected and a fourth is added.
        await _db.TimelineNotes.Where(n => n.Id == sent[1].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, "note 1, corrected").SetProperty(n => n.UpdatedAt, Written.AddMinutes(5)));
        _db.TimelineNotes.Add(Note(incident.Id, "note 3", Written.AddMinutes(5)));
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();

        var marked = await TimelinePublisher.MarkPublishedAsync(_db, sent, CancellationToken.None);

        var notes = await _db.TimelineNotes.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(2, marked);
        Assert.Equal([Written, null, Written.AddSeconds(2), null, null], notes.Select(n => n.PublishedAt));
        Assert.Equal(
            ["note 1, corrected", "other incident", "note 3"],
            await TimelinePublisher.Pending(_db.TimelineNotes.AsNoTracking()).OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());
    }

    private async Task<Incident> IncidentAsync(int number)
    {
        var incident = new Incident { Number = number, Title = "t", RequestedBy = "UIRTEAM001", Status = IncidentStatus.Active, ChannelId = "CINC" + number };
        _db.Incidents.Add(incident);
        await _db.SaveChangesAsync();
        return incident;
    }

    private static TimelineNote Note(int incidentId, string text, DateTime at) =>
        new() { IncidentId = incidentId, AuthorId = "UIRTEAM001", Text = text, OccurredAt = at, CreatedAt = at, UpdatedAt = at };
}
