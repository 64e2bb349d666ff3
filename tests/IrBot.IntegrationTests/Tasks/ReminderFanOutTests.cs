using System.Text.Json.Nodes;
using IrBot.Tasks;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>
/// The reminders of many owners go out side by side: a DM that Slack holds back (429 with Retry-After) does not hold
/// back the others, each task is reminded once per period, and a token Slack refuses stops the run with one report.
/// </summary>
public sealed class ReminderFanOutTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(30);
    private static readonly string[] Owners = ["UFANOUT001", "UFANOUT002", "UFANOUT003", "UFANOUT004", "UFANOUT005"];

    [Fact]
    public async Task A_rate_limited_dm_does_not_hold_back_the_other_owners_reminders()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var tasks = await AddTasksAsync(s, clock, owners: 4, each: 3);
        var first = Owners[0]; // whose tasks come first
        // Slack answers the first post to that DM "429, Retry-After: 30": the client waits that out on the app's clock, which stands still.
        s.App.Slack.RateLimitChannel("D" + first, times: 1, retryAfterSeconds: 30);

        var sending = TaskScenario.SendRemindersAsync(s.App);
        await IrBotApp.WaitUntilAsync(() => Owners[1..4].All(o => RemindersTo(s, o).Count == 3), "the other owners have their reminders");
        Assert.Empty(RemindersTo(s, first));
        Assert.False(sending.IsCompleted);

        // Meanwhile the first owner resolves one of their other tasks: it is not reminded.
        var resolved = tasks.Where(t => t.OwnerId == first).Skip(1).First();
        await using (var db = s.App.Db())
        {
            await db.Tasks.Where(t => t.Id == resolved.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, IncidentTaskStatus.Resolved));
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(11, await sending);
        Assert.Equal(2, RemindersTo(s, first).Count);
        Assert.DoesNotContain(RemindersTo(s, first), m => ((string?)m["text"])!.StartsWith($"Reminder: {resolved.ShortId} ", StringComparison.Ordinal));
        Assert.Equal(tasks.Count - 1, RemindedTasks(s).Distinct().Count());
    }

    [Fact]
    public async Task Two_instances_sending_side_by_side_remind_every_task_once_per_period()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var tasks = await AddTasksAsync(s, clock, owners: 5, each: 4);
        await using var second = await IrBotApp.StartAsync(s.Settings, s.App.ConnectionString, s.App.Slack, x => x.AddSingleton<TimeProvider>(clock));

        var sent = await Task.WhenAll(TaskScenario.SendRemindersAsync(s.App), TaskScenario.SendRemindersAsync(second));

        Assert.Equal(tasks.Count, sent.Sum());
        Assert.Equal(tasks.Select(t => t.ShortId).Order(), RemindedTasks(s).Order());

        // Later in the same period: nothing more. The next period: each once again.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await TaskScenario.SendRemindersAsync(second));
        clock.Advance(Period);
        Assert.Equal(tasks.Count, (await Task.WhenAll(TaskScenario.SendRemindersAsync(second), TaskScenario.SendRemindersAsync(s.App))).Sum());
        Assert.All(RemindedTasks(s).CountBy(id => id), c => Assert.Equal(2, c.Value));
    }

    [Fact]
    public async Task A_revoked_token_stops_the_reminders_and_is_reported_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock, concurrency: 1);
        var tasks = await AddTasksAsync(s, clock, owners: 3, each: 2);
        s.App.Slack.FailNext("chat.postMessage", "token_revoked");

        Assert.Equal(0, await TaskScenario.SendRemindersAsync(s.App));

        Assert.Empty(RemindedTasks(s));
        var admin = s.App.Slack.PostedTo(IrBotApp.AdminChannel).Select(m => (string?)m["text"] ?? string.Empty).ToList();
        var report = Assert.Single(admin);
        Assert.Contains("token_revoked", report, StringComparison.Ordinal);
        Assert.Contains("stopped until the next period", report, StringComparison.Ordinal);

        // Fixed within the period: the next run sends what the stop left (the reminder that met the error was claimed).
        Assert.Equal(tasks.Count - 1, await TaskScenario.SendRemindersAsync(s.App));
    }

    [Fact]
    public async Task A_revoked_token_met_while_opening_a_dm_stops_every_sender_and_is_reported_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock, concurrency: 3);
        await AddTasksAsync(s, clock, owners: 5, each: 4, dmKnown: false);
        // Every DM has to be opened first; the token is revoked, so each sender meets it on its first open.
        for (var i = 0; i < 3; i++)
        {
            s.App.Slack.FailNext("conversations.open", "token_revoked");
        }

        Assert.Equal(0, await TaskScenario.SendRemindersAsync(s.App));

        Assert.Empty(RemindedTasks(s));
        var report = Assert.Single(s.App.Slack.PostedTo(IrBotApp.AdminChannel).Select(m => (string?)m["text"] ?? string.Empty));
        Assert.Contains("token_revoked", report, StringComparison.Ordinal);
        Assert.Contains("stopped until the next period", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_slack_cannot_reach_ends_only_their_reminders()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock, concurrency: 2);
        await AddTasksAsync(s, clock, owners: 3, each: 3, dmKnown: false);
        // The first owner whose DM is opened has turned DMs from apps off.
        s.App.Slack.FailNext("conversations.open", "messages_tab_disabled");

        Assert.Equal(6, await TaskScenario.SendRemindersAsync(s.App));

        Assert.Single(Owners[..3], o => RemindersTo(s, o).Count == 0);
        Assert.Equal(2, Owners[..3].Count(o => RemindersTo(s, o).Count == 3));
        Assert.DoesNotContain(s.App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"] ?? string.Empty).Contains("stopped", StringComparison.Ordinal));
    }

    private static async Task<TaskScenario> StartAsync(FakeTimeProvider clock, int? concurrency = null)
    {
        // Quartz follows the app's clock; a cron date far away keeps the job to the tests (the period stays 30 minutes).
        var settings = new Dictionary<string, string?> { ["Schedules:TaskReminders"] = "0 0 0 1 1 ? 2099" };
        if (concurrency is { } n)
        {
            settings["Tasks:ReminderConcurrency"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await TaskScenario.StartAsync(services: x => x.AddSingleton<TimeProvider>(clock), settings: settings, clock: clock);
    }

    /// <summary>Tasks assigned a period ago (their DM card posted), the owners' in turn as people get them; the first owner's first.</summary>
    private static async Task<List<IncidentTask>> AddTasksAsync(TaskScenario s, TimeProvider clock, int owners, int each, bool dmKnown = true)
    {
        await using var db = s.App.Db();
        var assigned = clock.GetUtcNow().UtcDateTime - Period;
        var tasks = Enumerable.Range(0, owners * each).Select(n => new IncidentTask
        {
            IncidentId = s.Incident.Id,
            ShortId = $"T-{n + 1}",
            Title = $"Task {n + 1}",
            OwnerId = Owners[n % owners],
            CreatedBy = IrBotApp.IrMember,
            CreatedAt = assigned,
            Status = IncidentTaskStatus.Open,
            DmChannelId = dmKnown ? "D" + Owners[n % owners] : null,
            DmMessageTs = dmKnown ? "1700000000.000100" : null,
        }).ToList();
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync();
        return tasks;
    }

    /// <summary>Reminders Slack took (a 429 is not a message).</summary>
    private static List<JsonNode> RemindersTo(TaskScenario s, string owner) =>
        s.App.Slack.Messages().Where(m => m.Channel == "D" + owner).Select(m => m.Body)
            .Where(m => ((string?)m["text"])!.StartsWith("Reminder:", StringComparison.Ordinal)).ToList();

    /// <summary>The short id of each reminder Slack took, once per reminder.</summary>
    private static IEnumerable<string> RemindedTasks(TaskScenario s) =>
        Owners.SelectMany(o => RemindersTo(s, o)).Select(m => ((string?)m["text"])!.Split(' ')[1]);
}
