using System.Text.Json;
using IrBot.Participants;
using IrBot.Slack;

namespace IrBot.Tests.Participants;

public sealed class ParticipantRemindersTests
{
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
