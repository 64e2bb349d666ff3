using IrBot.Statistics;

namespace IrBot.Tests.Statistics;

public sealed class StatisticsCsvTests
{
    [Fact]
    public void Rows_carry_utc_times_and_durations_in_seconds_with_blanks_for_what_has_not_happened()
    {
        var opened = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        var csv = StatisticsCsv.Write([
            new StatisticsRow("IR Bot incidents", "incident 1", "Phishing, \"urgent\"", opened, opened.AddMinutes(10), opened.AddHours(2)),
            new StatisticsRow("IR Bot incidents", "incident 2", "=HYPERLINK(\"x\")", opened, null, null),
        ]);

        Assert.Equal(
            StatisticsCsv.Header + "\r\n"
            + "IR Bot incidents,incident 1,\"Phishing, \"\"urgent\"\"\",2026-11-30T09:00:00Z,2026-11-30T09:10:00Z,2026-11-30T11:00:00Z,600,7200\r\n"
            + "IR Bot incidents,incident 2,\"'=HYPERLINK(\"\"x\"\")\",2026-11-30T09:00:00Z,,,,\r\n",
            csv);
    }
}
