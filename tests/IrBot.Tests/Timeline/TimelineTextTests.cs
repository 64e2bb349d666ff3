using IrBot.Slack.WebApi;
using IrBot.Timeline;

namespace IrBot.Tests.Timeline;

public class TimelineTextTests
{
    private static readonly Dictionary<string, string> Names = new() { ["U222"] = "Bob Builder" };

    [Theory]
    [InlineData("<@U222> test", "@Bob Builder test")]
    [InlineData("<@W999|carol> left", "@carol left")]
    [InlineData("<@U333>", "@U333")]
    [InlineData("see <#C123|ir-20261125> and <#C456>", "see #ir-20261125 and #C456")]
    [InlineData("<!here> and <!subteam^S1|@ir-team>", "@here and @ir-team")]
    [InlineData("<https://example.com/a?b=1&c=2|the runbook> / <https://x.test>", "the runbook (https://example.com/a?b=1&c=2) / https://x.test")]
    [InlineData("a <b> && c", "a <b> && c")]
    [InlineData("raw <b>tags</b> stay", "raw <b>tags</b> stay")]
    public void Slack_markup_becomes_plain_text(string slack, string expected) =>
        Assert.Equal(expected, TimelineText.ForPage(slack, Names));

    [Fact]
    public void Mentioned_users_are_listed_for_lookup() =>
        Assert.Equal(["U222", "W999"], TimelineText.MentionedUsers("<@U222> <#C1> <@W999|x> <!here>"));
}
