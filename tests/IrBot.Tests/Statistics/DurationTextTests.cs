using IrBot.Statistics;

namespace IrBot.Tests.Statistics;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(60, "1 m")]
    [InlineData(12 * 60 + 59, "12 m")]
    [InlineData(2 * 3600 + 5 * 60, "2 h 05 m")]
    [InlineData(3 * 3600 + 48 * 60, "3 h 48 m")]
    [InlineData(86400 + 4 * 3600 + 59 * 60, "1 d 04 h")]
    [InlineData(-5, "0 s")]
    public void Durations_read_as_people_say_them(int seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void No_duration_is_a_dash()
    {
        Assert.Equal("—", DurationText.Format(null));
    }
}
