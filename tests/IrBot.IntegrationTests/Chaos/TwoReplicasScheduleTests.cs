using System.Diagnostics;
using System.Globalization;
using IrBot.Incidents;
using IrBot.IntegrationTests.Tasks;
using IrBot.Tasks;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Chaos;

/// <summary>
/// Two replicas on one PostgreSQL, every schedule short: each task reminder, rules DM, dwell DM and timeline
/// publish happens once per period (Quartz is clustered in the database), not once per replica.
/// </summary>
public sealed class TwoReplicasScheduleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(3);
    private const string Owner = "UOWNER0001";

    [Fact]
    public async Task Two_replicas_send_each_reminder_rules_dwell_dm_and_timeline_publish_once_per_period()
    {
        using var confluence = FakeConfluence.Start();
        using var theHive = FakeTheHive.Start();
        var settings = IncidentIntegrations.Settings(confluence, theHive);
        foreach (var name in new[] { "RulesReminder", "DwellCheck", "TimelinePublish", TaskReminderPeriod.ScheduleName })
        {
            settings["Schedules:" + name] = Period.ToString("c", CultureInfo.InvariantCulture);
        }

        settings["Participants:DwellThresholdHours"] = "0.0001";
        var since = Stopwatch.StartNew();
        await using var a = await IrBotApp.StartAsync(settings);
        await using var b = await IrBotApp.StartAsync(settings, connectionString: a.ConnectionString, slack: a.Slack);
        a.Slack.AddUser(Owner, "Olive Owner", "olive.owner@example.com");
        a.Slack.AddUser(Guest, "Grace Guest", "grace@example.com");

        // Arranged through the first replica; the schedules fire on either.
        await a.SendCommandAsync("incident Two replicas");
        var incident = await IncidentIntegrations.WaitForAsync(a, 1, i => i.Status == IncidentStatus.Active, "the incident is open");
        a.Slack.Override("conversations.members", 200, new { ok = true, members = new[] { Guest }, response_metadata = new { next_cursor = string.Empty } });
        await b.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvTWO1", incident.ChannelId!));
        await a.SendInteractionAsync(TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            incident.Id.ToString(CultureInfo.InvariantCulture),
            (NewTaskModal.TitleBlock, TaskPayloads.Text("Rotate the keys")),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text(null)),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(Owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select("High"))));

        // Several periods, with a note now and then for the timeline publish.
        var notes = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var note = $"Replica note {i}";
            await (i % 2 == 0 ? a : b).SendCommandAsync(note, IrBotApp.IrMember, incident.ChannelId!, "/note");
            notes.Add(note);
            await Task.Delay(Period);
        }

        await a.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(Period);
        var elapsed = since.Elapsed;

        // At most one firing per period since the first replica started (plus one at the edge); both firing would double it.
        var most = (int)(elapsed / Period) + 1;
        var rules = DirectMessagesTo(a, Guest).Count(m => m.Contains("Incident channel rules", StringComparison.Ordinal)) - 1; // minus the welcome
        var dwell = DirectMessagesTo(a, Guest).Count(m => m.StartsWith(":hourglass:", StringComparison.Ordinal));
        var dwellReports = a.Slack.PostedTo(IrBotApp.AdminChannel).Count(m => ((string?)m["text"])!.Contains("outside the IR team", StringComparison.Ordinal));
        var reminders = a.Slack.PostedTo("D" + Owner).Count(m => ((string?)m["text"])!.StartsWith("Reminder:", StringComparison.Ordinal));
        output.WriteLine($"{elapsed.TotalSeconds:F1} s, period {Period.TotalSeconds} s (at most {most} firings): rules {rules}, dwell DMs {dwell}, dwell reports {dwellReports}, task reminders {reminders}");
        Assert.All(new[] { rules, dwell, dwellReports, reminders }, n => Assert.InRange(n, 2, most));
        Assert.Equal(dwell, dwellReports);

        var page = Assert.Single(confluence.Pages);
        Assert.All(notes, n => Assert.Equal(1, CountOf(page.Body, n)));
        await using var db = a.Db();
        Assert.All(await db.TimelineNotes.AsNoTracking().ToListAsync(), n => Assert.NotNull(n.PublishedAt));
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
