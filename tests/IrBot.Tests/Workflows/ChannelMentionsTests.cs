using IrBot.Workflows;

namespace IrBot.Tests.Workflows;

public class ChannelMentionsTests
{
    [Fact]
    public void Tilde_names_are_found_once_each() =>
        Assert.Equal(["security-issue-1", "town-square"],
            ChannelMentions.Find("War room created: ~security-issue-1. See ~town-square and ~security-issue-1-"));

    [Fact]
    public void Resolved_mentions_become_links_and_the_rest_stay_as_typed() =>
        Assert.Equal("War room created: <#C1>, about ~5 minutes ago, mail a~b",
            ChannelMentions.Replace("War room created: ~security-issue-1, about ~5 minutes ago, mail a~b",
                name => name == "security-issue-1" ? "<#C1>" : null));

    [Fact]
    public void A_bare_tilde_is_not_a_mention() => Assert.Empty(ChannelMentions.Find("~ and ~~ and ~-"));
}
