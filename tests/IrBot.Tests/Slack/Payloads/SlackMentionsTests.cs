using IrBot.Slack.Payloads;

namespace IrBot.Tests.Slack.Payloads;

public class SlackMentionsTests
{
    [Theory]
    [InlineData("<@U123ABC>", "U123ABC")]
    [InlineData("<@U123ABC|jane>", "U123ABC")]
    [InlineData("<@W111>", "W111")]
    [InlineData("ic <@U123ABC|jane.doe> please", "U123ABC")]
    public void A_user_mention_in_any_escaped_form_yields_its_id(string text, string id)
    {
        Assert.Equal([id], SlackMentions.UserIds(text));
    }

    [Fact]
    public void Channels_and_user_groups_are_not_users()
    {
        var ids = SlackMentions.UserIds("<#C123|general> <!subteam^S123|@ir> <!here> <@U1> @plain");

        Assert.Equal(["U1"], ids);
    }

    [Fact]
    public void Users_come_back_in_order_without_repeats()
    {
        var ids = SlackMentions.UserIds("<@U2> <@U1|a> <@U2|b> <@U1>");

        Assert.Equal(["U2", "U1"], ids);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no mentions here")]
    public void Text_without_mentions_yields_no_ids(string? text)
    {
        Assert.Empty(SlackMentions.UserIds(text));
    }

    [Fact]
    public void Escape_encodes_ampersand_and_angle_brackets()
    {
        Assert.Equal("a &amp; b &lt;@U1&gt; &amp;lt;", SlackMentions.Escape("a & b <@U1> &lt;"));
    }

    [Fact]
    public void Escaped_text_contains_no_mentions()
    {
        Assert.Empty(SlackMentions.UserIds(SlackMentions.Escape("<@U1> <!channel>")));
    }

    [Fact]
    public void User_and_channel_render_as_slack_mentions()
    {
        Assert.Equal("<@U1>", SlackMentions.User("U1"));
        Assert.Equal("<#C1>", SlackMentions.Channel("C1"));
    }
}
