using System.Diagnostics;
using IrBot.Data;
using IrBot.Statistics;
using IrBot.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// "stats": the statistics' one query per section over 100,000 incidents opened across 90 days (90 % acknowledged,
/// 80 % resolved), on PostgreSQL (percentile_cont) and on SQLite (sorted durations, math in .NET).
/// </summary>
internal static class StatisticsBenchmark
{
    private const int Incidents = 100_000;

    public static async Task RunAsync()
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var connectionString = await (await PostgresServer.GetAsync()).CreateMigratedDatabaseAsync();
        var postgres = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        postgres.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();
        await using (var db = new PostgresIrBotDbContext(postgres.Options))
        {
            // Minute offsets from a hash of the number: spread, repeatable, no client round trips.
            await db.Database.ExecuteSqlRawAsync($"""
                INSERT INTO incidents (number, title, status, requested_by, opened_at, acknowledged_at, closed_at)
                SELECT n, 'Benchmark ' || n, CASE WHEN n % 5 = 0 THEN 'Active' ELSE 'Closed' END, 'UIRTEAM001',
                       @p0 - (n % 129600) * interval '1 minute',
                       CASE WHEN n % 10 = 0 THEN NULL ELSE @p0 - (n % 129600) * interval '1 minute' + ((n * 7) % 240) * interval '1 minute' END,
                       CASE WHEN n % 5 = 0 THEN NULL ELSE @p0 - (n % 129600) * interval '1 minute' + ((n * 13) % 2880 + 240) * interval '1 minute' END
                FROM generate_series(1, {Incidents}) AS n
                """, now);
            await db.Database.ExecuteSqlRawAsync("ANALYZE incidents");
            await MeasureAsync("PostgreSQL", db, now);
        }

        var file = Path.Combine(Path.GetTempPath(), $"irbot-stats-bench-{Guid.NewGuid():N}.db");
        try
        {
            var sqlite = new DbContextOptionsBuilder<SqliteIrBotDbContext>();
            sqlite.UseSqlite("Data Source=" + file, o => o.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();
            await using var db = new SqliteIrBotDbContext(sqlite.Options);
            await db.Database.MigrateAsync();
            var rows = Enumerable.Range(1, Incidents).Select(n =>
            {
                var opened = now.AddMinutes(-(n % 129600));
                return new Incident
                {
                    Number = n,
                    Title = "Benchmark " + n,
                    Status = n % 5 == 0 ? IncidentStatus.Active : IncidentStatus.Closed,
                    RequestedBy = "UIRTEAM001",
                    OpenedAt = opened,
                    AcknowledgedAt = n % 10 == 0 ? null : opened.AddMinutes(n * 7 % 240),
                    ClosedAt = n % 5 == 0 ? null : opened.AddMinutes((n * 13 % 2880) + 240),
                };
            });
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var chunk in rows.Chunk(10_000))
            {
                db.Incidents.AddRange(chunk);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            await MeasureAsync("SQLite", db, now);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task MeasureAsync(string provider, IrBotDbContext db, DateTime now)
    {
        var query = new StatisticsQuery(db, [new IncidentStatistics()], new FixedTime(now));
        var window = await query.WindowAsync(null, all: false, CancellationToken.None);
        var figures = await query.FiguresAsync(window, CancellationToken.None); // warm up
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            figures = await query.FiguresAsync(window, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var f = figures[0];
        Console.WriteLine($"stats on {provider}: {f.Count:N0} incidents in 90 days, MTTA {StatisticsMessages.Figures(f.TimeToAcknowledge)}, MTTR {StatisticsMessages.Figures(f.TimeToResolve)}");
        Console.WriteLine($"  query time: median {times.Order().ElementAt(2):F0} ms, best {times.Min():F0} ms, worst {times.Max():F0} ms (5 runs)");
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
