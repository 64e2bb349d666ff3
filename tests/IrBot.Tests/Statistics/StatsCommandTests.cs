using IrBot.Statistics;

namespace IrBot.Tests.Statistics;

public sealed class StatsCommandTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("", null, false)]
    [InlineData("all", null, true)]
    [InlineData("ALL", null, true)]
    [InlineData("7d", 7, false)]
    [InlineData("365D", 365, false)]
    public void Periods_are_nothing_all_or_a_number_of_days(string? word, int? days, bool all)
    {
        Assert.True(StatsCommand.TryParsePeriod(word, out var parsedDays, out var parsedAll));
        Assert.Equal(days, parsedDays);
        Assert.Equal(all, parsedAll);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("-3d")]
    [InlineData("d")]
    [InlineData("7")]
    [InlineData("3651d")]
    [InlineData("week")]
    public void Other_periods_are_refused(string word)
    {
        Assert.False(StatsCommand.TryParsePeriod(word, out _, out _));
    }
}
