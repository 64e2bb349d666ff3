using IrBot.TestSupport;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

public sealed class ScheduledJobsTests
{
    [Fact]
    public async Task The_rules_reminder_and_dwell_check_run_on_their_schedules()
    {
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?>
        {
            ["Schedules:RulesReminder"] = "00:00:01",
            ["Schedules:DwellCheck"] = "00:00:01",
            ["Participants:DwellThresholdHours"] = "0.0001",
        });
        await AddIncidentAsync(app);
        app.Slack.Override("conversations.members", 200, new { ok = true, members = new[] { Guest }, response_metadata = new { next_cursor = string.Empty } });
        await app.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvSCHED"));

        await IrBotApp.WaitUntilAsync(
            () => DirectMessagesTo(app, Guest).Count(m => m.Contains("Incident channel rules", StringComparison.Ordinal)) >= 2,
            "the rules are sent on joining and again by the reminder");
        await IrBotApp.WaitUntilAsync(() => app.Slack.PostedTo(IrBotApp.AdminChannel).Count > 0, "the dwell check reports to the admin channel");
    }
}
