using IrBot.Slack.WebApi;
using IrBot.Timeline;

namespace IrBot.Tests.Timeline;

public class TimelineNoteTests
{
    [Fact]
    public void A_message_ts_is_its_UTC_time_to_the_microsecond()
    {
        Assert.Equal(new DateTime(2020, 3, 8, 3, 39, 42, DateTimeKind.Utc).AddTicks(3000), AddToTimelineShortcut.TimeOfTs("1583638782.000300"));
        Assert.Equal(new DateTime(2020, 3, 8, 3, 39, 42, DateTimeKind.Utc), AddToTimelineShortcut.TimeOfTs("1583638782"));
        Assert.Null(AddToTimelineShortcut.TimeOfTs("not-a-ts"));
    }

    [Fact]
    public void Who_is_the_real_name_with_the_team_field_else_the_title()
    {
        var user = new SlackUser
        {
            Id = "U1",
            Name = "alice",
            Profile = new UserProfile
            {
                RealName = "Alice Example",
                DisplayName = "ali",
                Title = "SOC analyst",
                Fields = new Dictionary<string, ProfileField> { ["Xf01"] = new() { Value = "Blue team" } },
            },
        };

        Assert.Equal("Alice Example (Blue team)", TimelineAuthors.Describe(user, "U1", "Xf01"));
        Assert.Equal("Alice Example (SOC analyst)", TimelineAuthors.Describe(user, "U1", null));
        Assert.Equal("Alice Example (SOC analyst)", TimelineAuthors.Describe(user, "U1", "Xf99"));
        Assert.Equal("ali", TimelineAuthors.Describe(user with { Profile = new UserProfile { DisplayName = "ali" } }, "U1", null));
        Assert.Equal("U1", TimelineAuthors.Describe(null, "U1", null));
    }
}

public class TimelineTextTests
{
    private static readonly Dictionary<string, string> Names = new() { ["U222"] = "Bob Builder" };

    [Theory]
    [InlineData("<@U222> test", "@Bob Builder test")]
    [InlineData("<@W999|carol> left", "@carol left")]
    [InlineData("<@U333>", "@U333")]
    [InlineData("see <#C123|ir-20261125> and <#C456>", "see #ir-20261125 and #C456")]
    [InlineData("<!here> and <!subteam^S1|@ir-team>", "@here and @ir-team")]
    [InlineData("<https://example.com/a?b=1&amp;c=2|the runbook> / <https://x.test>", "the runbook (https://example.com/a?b=1&c=2) / https://x.test")]
    [InlineData("a &lt;b&gt; &amp;&amp; c", "a <b> && c")]
    [InlineData("raw <b>tags</b> stay", "raw <b>tags</b> stay")]
    public void Slack_markup_becomes_plain_text(string slack, string expected) =>
        Assert.Equal(expected, TimelineText.ForPage(slack, Names));

    [Fact]
    public void Mentioned_users_are_listed_for_lookup() =>
        Assert.Equal(["U222", "W999"], TimelineText.MentionedUsers("<@U222> <#C1> <@W999|x> <!here>"));
}
