using System.Data.Common;
using IrBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IrBot.Statistics;

/// <summary>
/// Computes the figures in the database, one query per section. PostgreSQL aggregates everything itself
/// (percentile_cont); SQLite has no percentile, so its one query returns only the two duration columns of the
/// window's rows and the same interpolation runs here (<see cref="DurationFigures.Percentile"/>).
/// </summary>
public sealed class StatisticsQuery(IrBotDbContext db, IEnumerable<IStatisticsSource> sources, TimeProvider time)
{
    /// <summary>The default window and the widest without <c>all</c>.</summary>
    public const int MaxDays = 90;

    public async Task<StatisticsReset?> LastResetAsync(CancellationToken cancellationToken) =>
        await db.StatisticsResets.AsNoTracking().OrderByDescending(r => r.ResetAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The last <paramref name="days"/> days (default <see cref="MaxDays"/>), or everything when null and
    /// <paramref name="all"/>; never before the last reset.
    /// </summary>
    public async Task<StatisticsWindow> WindowAsync(int? days, bool all, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reset = await LastResetAsync(cancellationToken);
        var since = all ? DateTime.MinValue : now.AddDays(-(days ?? MaxDays));
        if (reset is not null && reset.ResetAt > since)
        {
            since = reset.ResetAt;
        }

        return new StatisticsWindow(DateTime.SpecifyKind(since == DateTime.MinValue ? new DateTime(2000, 1, 1) : since, DateTimeKind.Utc), now, reset);
    }

    public async Task<IReadOnlyList<StatisticsSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        var all = new List<StatisticsSection>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            all.AddRange(await source.SectionsAsync(db, cancellationToken));
        }

        return all;
    }

    public async Task<IReadOnlyList<SectionFigures>> FiguresAsync(StatisticsWindow window, CancellationToken cancellationToken)
    {
        var figures = new List<SectionFigures>();
        foreach (var section in await SectionsAsync(cancellationToken))
        {
            figures.Add(await FiguresAsync(section, window, cancellationToken));
        }

        return figures;
    }

    public Task<SectionFigures> FiguresAsync(StatisticsSection section, StatisticsWindow window, CancellationToken cancellationToken) =>
        IsPostgres ? PostgresFiguresAsync(section, window, cancellationToken) : SqliteFiguresAsync(section, window, cancellationToken);

    /// <summary>The rows behind the figures, oldest first.</summary>
    public async Task<IReadOnlyList<StatisticsRow>> RowsAsync(StatisticsWindow window, CancellationToken cancellationToken)
    {
        var rows = new List<StatisticsRow>();
        foreach (var section in await SectionsAsync(cancellationToken))
        {
            var sql = $"SELECT item, title, started_at, acknowledged_at, resolved_at FROM ({section.RowsSql}) r "
                + "WHERE r.started_at >= @stats_since AND r.started_at < @stats_until ORDER BY r.started_at, item";
            await QueryAsync(
                sql,
                section,
                window,
                async reader =>
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add(new StatisticsRow(
                            section.Title,
                            reader.GetString(0),
                            reader.GetString(1),
                            Utc(reader.GetDateTime(2)),
                            reader.IsDBNull(3) ? null : Utc(reader.GetDateTime(3)),
                            reader.IsDBNull(4) ? null : Utc(reader.GetDateTime(4))));
                    }

                    return rows.Count;
                },
                cancellationToken);
        }

        return rows;
    }

    private bool IsPostgres => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private async Task<SectionFigures> PostgresFiguresAsync(StatisticsSection section, StatisticsWindow window, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT count(*)::int,
                   count(*) FILTER (WHERE resolved_at IS NULL)::int,
                   count(*) FILTER (WHERE acknowledged_at IS NULL)::int,
                   count(tta)::int, avg(tta), percentile_cont(0.5) WITHIN GROUP (ORDER BY tta), percentile_cont(0.9) WITHIN GROUP (ORDER BY tta),
                   count(ttr)::int, avg(ttr), percentile_cont(0.5) WITHIN GROUP (ORDER BY ttr), percentile_cont(0.9) WITHIN GROUP (ORDER BY ttr)
            FROM (SELECT acknowledged_at, resolved_at,
                         extract(epoch FROM acknowledged_at - started_at)::float8 AS tta,
                         extract(epoch FROM resolved_at - started_at)::float8 AS ttr
                  FROM ({section.RowsSql}) r
                  WHERE r.started_at >= @stats_since AND r.started_at < @stats_until) d
            """;
        return await QueryAsync(
            sql,
            section,
            window,
            async reader =>
            {
                await reader.ReadAsync(cancellationToken);
                return new SectionFigures(
                    section.Title,
                    reader.GetInt32(0),
                    reader.GetInt32(1),
                    reader.GetInt32(2),
                    Durations(reader, 3),
                    Durations(reader, 7));
            },
            cancellationToken);

        static DurationFigures Durations(DbDataReader reader, int first) =>
            reader.GetInt32(first) == 0
                ? DurationFigures.None
                : new DurationFigures(
                    reader.GetInt32(first),
                    DurationFigures.Seconds(reader.GetDouble(first + 1)),
                    DurationFigures.Seconds(reader.GetDouble(first + 2)),
                    DurationFigures.Seconds(reader.GetDouble(first + 3)));
    }

    private async Task<SectionFigures> SqliteFiguresAsync(StatisticsSection section, StatisticsWindow window, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT (julianday(acknowledged_at) - julianday(started_at)) * 86400.0,
                   (julianday(resolved_at) - julianday(started_at)) * 86400.0
            FROM ({section.RowsSql}) r
            WHERE r.started_at >= @stats_since AND r.started_at < @stats_until
            """;
        var acknowledge = new List<double>();
        var resolve = new List<double>();
        var count = await QueryAsync(
            sql,
            section,
            window,
            async reader =>
            {
                var n = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    n++;
                    if (!reader.IsDBNull(0))
                    {
                        acknowledge.Add(reader.GetDouble(0));
                    }

                    if (!reader.IsDBNull(1))
                    {
                        resolve.Add(reader.GetDouble(1));
                    }
                }

                return n;
            },
            cancellationToken);

        return new SectionFigures(
            section.Title,
            count,
            count - resolve.Count,
            count - acknowledge.Count,
            DurationFigures.FromSeconds(acknowledge),
            DurationFigures.FromSeconds(resolve));
    }

    /// <summary>Runs one query on EF's connection (opened if needed, closed by EF) and reads it with <paramref name="read"/>.</summary>
    private async Task<T> QueryAsync<T>(string sql, StatisticsSection section, StatisticsWindow window, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // The SQL is code (a section's constant rows SQL); values go in parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "@stats_since", window.Since);
            Add(command, "@stats_until", window.Until);
            foreach (var (name, value) in section.Parameters ?? new Dictionary<string, object>())
            {
                Add(command, name, value);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
