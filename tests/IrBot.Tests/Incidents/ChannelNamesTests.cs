using IrBot.Incidents;

namespace IrBot.Tests.Incidents;

public class ChannelNamesTests
{
    private static readonly DateTime Day = new(2025, 3, 7, 23, 59, 30, DateTimeKind.Utc);

    [Fact]
    public void Name_is_ir_then_the_UTC_date()
    {
        Assert.Equal("ir-20250307", ChannelNames.ForDate(Day));
        Assert.Equal("ir-20251231", ChannelNames.ForDate(new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void First_candidate_is_the_plain_name_and_the_second_has_a_suffix()
    {
        Assert.Equal("ir-20250307", ChannelNames.Candidate(Day, 1));
        Assert.Equal("ir-20250307-2", ChannelNames.Candidate(Day, 2));
        Assert.Equal("ir-20250307-10", ChannelNames.Candidate(Day, 10));
    }

    [Fact]
    public void Candidates_are_distinct_valid_slack_channel_names()
    {
        var candidates = ChannelNames.Candidates(Day).ToList();

        Assert.Equal(ChannelNames.MaxSuffix, candidates.Count);
        Assert.Equal(candidates.Count, candidates.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("ir-20250307", candidates[0]);
        Assert.All(candidates, name =>
        {
            Assert.InRange(name.Length, 1, 80);
            Assert.Matches("^[a-z0-9-]+$", name);
        });
    }
}
