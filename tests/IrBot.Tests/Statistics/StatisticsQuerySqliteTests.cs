using IrBot.Tests.Data;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.Tests.Statistics;

/// <summary>
/// The statistics' SQLite query (the embedded default) through the real migrations; the integration tests run
/// the PostgreSQL one on the same incidents and expect the same figures.
/// </summary>
public sealed class StatisticsQuerySqliteTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0.AddHours(6)));
    private SqliteIrBotDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = await InMemorySqlite.OpenMigratedAsync(_connection);
        _db.Incidents.AddRange(
            Incident(1, 0, 10, 120),
            Incident(2, 60, 80, 300),
            Incident(3, 120, 150, null),
            Incident(4, 180, null, null),
            Incident(5, -60 * 24 * 100, 1, 2)); // opened 100 days ago: outside the default window
        await _db.SaveChangesAsync();
    }

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
    public async Task Sqlite_gives_the_same_figures_as_postgresql_from_the_sorted_durations()
    {
        var query = new StatisticsQuery(_db, [new IncidentStatistics()], _time);
        var window = await query.WindowAsync(null, all: false, CancellationToken.None);

        var figures = Assert.Single(await query.FiguresAsync(window, CancellationToken.None));

        Assert.Equal((4, 2, 1), (figures.Count, figures.StillOpen, figures.NotAcknowledged));
        Assert.Equal(new DurationFigures(3, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(28)), figures.TimeToAcknowledge);
        Assert.Equal(new DurationFigures(2, TimeSpan.FromHours(3), TimeSpan.FromHours(3), TimeSpan.FromMinutes(228)), figures.TimeToResolve);
    }

    [Fact]
    public async Task All_reaches_past_ninety_days_and_a_reset_moves_the_start_without_deleting_anything()
    {
        var query = new StatisticsQuery(_db, [new IncidentStatistics()], _time);
        Assert.Equal(5, (await query.FiguresAsync(await query.WindowAsync(null, all: true, CancellationToken.None), CancellationToken.None))[0].Count);

        _db.StatisticsResets.Add(new StatisticsReset { ResetBy = "UADMIN0001", ResetAt = T0.AddMinutes(90) });
        await _db.SaveChangesAsync();
        var window = await query.WindowAsync(null, all: true, CancellationToken.None);
        var rows = await query.RowsAsync(window, CancellationToken.None);

        Assert.Equal(T0.AddMinutes(90), window.Since);
        Assert.Equal(["incident 3", "incident 4"], rows.Select(r => r.Item));
        Assert.Equal(5, await _db.Incidents.CountAsync());
    }

    private static Incident Incident(int number, int openedMinutes, int? acknowledgedMinutes, int? resolvedMinutes) => new()
    {
        Number = number,
        Title = "Incident " + number,
        RequestedBy = "UIRTEAM001",
        Status = resolvedMinutes is null ? IncidentStatus.Active : IncidentStatus.Closed,
        OpenedAt = T0.AddMinutes(openedMinutes),
        AcknowledgedAt = acknowledgedMinutes is { } a ? T0.AddMinutes(a) : null,
        ClosedAt = resolvedMinutes is { } r ? T0.AddMinutes(r) : null,
        ChannelId = "C" + number,
    };
}
