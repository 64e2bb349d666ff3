using System.Text;
using System.Text.Json;
using IrBot.Integrations.SumoLogic;
using IrBot.Participants;
using IrBot.Participants.Search;
using IrBot.Slack;
using IrBot.Slack.WebApi;

namespace IrBot.Tests;

public class ParticipantsTests
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

    [Fact]
    public void Profile_pictures_are_read_from_image_72_and_image_192()
    {
        var profile = JsonSerializer.Deserialize<UserProfile>("{\"image_72\":\"https://a/72.png\",\"image_192\":\"https://a/192.png\"}", SlackJson.Options)!;

        Assert.Equal(("https://a/72.png", "https://a/192.png"), (profile.Image72, profile.Image192));
    }

    [Fact]
    public void Up_to_a_hundred_departments_are_plain_options_sorted_and_long_names_are_cut_to_the_value_limit()
    {
        var longName = new string('D', 200);

        var (options, groups) = SearchCommand.Choices(["Sales", "finance", longName]);

        Assert.Null(groups);
        Assert.Equal([SearchCommand.Key(longName), "finance", "Sales"], options!.Select(o => o.Value));
        Assert.Equal(150, options![0].Value.Length);
        Assert.Equal(75, options![0].Text.Text.Length);
    }

    [Fact]
    public void The_dwell_report_keeps_within_fifty_blocks_and_says_how_many_more()
    {
        var incident = new IrBot.Incidents.Incident { Number = 1, Title = "T", RequestedBy = "U1", ChannelId = "C1" };
        var dwellers = Enumerable.Range(0, 60).Select(i => new Dweller(incident, $"U{i:D3}", 30 + i)).ToList();

        var (_, blocks) = ParticipantReminders.DwellReport(dwellers, 24);

        Assert.Equal(50, blocks.Count);
        Assert.Contains("12 more", JsonSerializer.Serialize(blocks[^1], SlackJson.Options), StringComparison.Ordinal);
    }
}
