using System.Text;
using IrBot.Integrations.SumoLogic;
using IrBot.Participants;
using IrBot.Slack.WebApi;

namespace IrBot.Tests.Integrations.SumoLogic;

/// <summary>The line IR Bot sends to Sumo Logic for each join or leave.</summary>
public sealed class SumoLogicLineTests
{
    [Fact]
    public void A_sumo_line_is_one_json_object_with_the_utc_timestamp_first_and_a_newline()
    {
        var membership = new MembershipEvent
        {
            UserId = "U0123",
            Kind = MembershipKind.Left,
            OccurredAt = new DateTime(2024, 5, 1, 12, 34, 56, 789, DateTimeKind.Utc),
        };
        var user = new SlackUser { Id = "U0123", RealName = "Alice", Profile = new UserProfile { Email = "a@corp.com", DisplayName = "Alice" } };

        var line = Encoding.UTF8.GetString(SumoLogicSender.Line(membership, user, 42, "C0456", "ir-20240501"));

        Assert.Equal(
            "{\"timestamp\":\"2024-05-01T12:34:56.789Z\",\"slack_user_id\":\"U0123\",\"email\":\"a@corp.com\",\"name\":\"Alice\",\"event\":\"leave\",\"channel_id\":\"C0456\",\"channel\":\"ir-20240501\",\"incident\":42}\n",
            line);
    }
}
