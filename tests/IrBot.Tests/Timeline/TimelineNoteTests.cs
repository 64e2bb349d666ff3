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
