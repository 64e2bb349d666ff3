using System.Globalization;
using System.Text;

namespace IrBot.Statistics;

/// <summary>The export: one line per item behind the figures, times in UTC ISO 8601, durations in seconds.</summary>
public static class StatisticsCsv
{
    public const string Header = "section,item,title,started_at,acknowledged_at,resolved_at,time_to_acknowledge_seconds,time_to_resolve_seconds";

    public static string Write(IEnumerable<StatisticsRow> rows)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', Field(row.Section), Field(row.Item), Field(row.Title), Time(row.StartedAt), Time(row.AcknowledgedAt), Time(row.ResolvedAt), Seconds(row.TimeToAcknowledge), Seconds(row.TimeToResolve))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet does not run it as a formula.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Time(DateTime? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Seconds(TimeSpan? duration) =>
        duration is { } d ? Math.Round(d.TotalSeconds).ToString(CultureInfo.InvariantCulture) : string.Empty;
}
