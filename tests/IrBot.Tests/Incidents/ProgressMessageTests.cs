using IrBot.Incidents.Steps;
using IrBot.Incidents;
using IrBot.Incidents.Opening;

namespace IrBot.Tests.Incidents;

public sealed class ProgressMessageTests
{
    [Fact]
    public void Progress_shows_each_step_state_and_ends_with_the_links()
    {
        var incident = new Incident
        {
            Number = 7,
            Title = "VPN <abuse>",
            RequestedBy = "U1",
            ChannelId = "C1",
            ConfluencePageUrl = "https://wiki.example.com/p/1",
            TheHiveCaseUrl = "https://hive.example.com/cases/~1/details",
            TheHiveCaseNumber = 12,
        };

        var (text, blocks) = ProgressMessage.Render(
            "Opening " + IncidentMessages.Name(incident),
            [
                new ProgressLine("Slack channel", StepStatus.Done, false, null),
                new ProgressLine("Confluence page", StepStatus.Failed, false, "503 <Service Unavailable>"),
                new ProgressLine("TheHive case", StepStatus.Pending, true, null),
                new ProgressLine("Jira", StepStatus.Skipped, false, null),
                new ProgressLine("Topic", StepStatus.Pending, false, null),
            ],
            incident);

        Assert.Equal("Opening Incident 7: VPN &lt;abuse&gt;", text);
        var json = System.Text.Json.JsonSerializer.Serialize(blocks, IrBot.Slack.SlackJson.Options);
        Assert.Contains("Slack channel: done", json, StringComparison.Ordinal);
        Assert.Contains("Confluence page: failed, retrying", json, StringComparison.Ordinal);
        Assert.Contains("503 \\u0026lt;Service Unavailable\\u0026gt;", json, StringComparison.Ordinal);
        Assert.Contains("TheHive case: working", json, StringComparison.Ordinal);
        Assert.Contains("Jira: skipped", json, StringComparison.Ordinal);
        Assert.Contains("Topic: pending", json, StringComparison.Ordinal);
        Assert.Contains("TheHive case #12", json, StringComparison.Ordinal);
    }
}
