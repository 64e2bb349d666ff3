using IrBot.Workflows;

namespace IrBot.Tests.Workflows;

public class SlackChannelNamesTests
{
    [Theory]
    [InlineData("Town Square", "town-square")]
    [InlineData("town-square", "town-square")]
    [InlineData("Security Issue 12", "security-issue-12")]
    [InlineData("release.v2_notes", "release-v2_notes")]
    [InlineData("Café #1!", "caf-1")]
    [InlineData("#alerts", "alerts")]
    [InlineData("C0123ABCD", "C0123ABCD")]
    [InlineData("G01ABCDEFGH", "G01ABCDEFGH")]
    [InlineData("Cafeteria", "cafeteria")]
    [InlineData("CRITICALS", "criticals")]
    [InlineData("~town-square", "town-square")]
    public void Names_follow_slack_rules_and_ids_pass_through(string name, string expected) =>
        Assert.Equal(expected, SlackChannelNames.Normalize(name));

    [Fact]
    public void Names_are_cut_at_80_characters() =>
        Assert.Equal(new string('a', 80), SlackChannelNames.Normalize(new string('A', 120)));
}
