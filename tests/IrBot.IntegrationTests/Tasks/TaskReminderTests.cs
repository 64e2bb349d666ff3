using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.TestSupport;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace IrBot.IntegrationTests.Tasks;

public sealed class TaskReminderTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Quartz follows the app's (fake) clock, so an advance would also fire the job at a moment of its
    /// choosing; a cron date far away keeps the tests in charge (the period stays the default 30 minutes).
    /// </summary>
    private static readonly Dictionary<string, string?> JobOnlyWhenTriggered = new() { ["Schedules:TaskReminders"] = "0 0 0 1 1 ? 2099" };

    [Fact]
    public async Task Owners_of_open_unmuted_tasks_get_one_reminder_per_period_and_the_admins_a_report_with_a_jira_link()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await TaskScenario.StartAsync(services: x => x.AddSingleton<TimeProvider>(clock), settings: JobOnlyWhenTriggered, clock: clock);
        var rotate = await s.CreateTaskAsync("Rotate the keys");
        var trail = await s.CreateTaskAsync("Read CloudTrail");
        var muted = await s.CreateTaskAsync("Tell the vendor");
        var done = await s.CreateTaskAsync("Block the IP");
        await MuteAsync(s, IrBotApp.IrMember, muted.ShortId, MuteModal.Mute);
        await using (var db = s.App.Db())
        {
            await db.Tasks.Where(t => t.Id == done.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, IncidentTaskStatus.Resolved));
        }

        // Just assigned: the assignment DM is enough for now.
        Assert.Equal(0, await TaskScenario.SendRemindersAsync(s.App));

        clock.Advance(Period);
        Assert.Equal(2, await TaskScenario.SendRemindersAsync(s.App));
        var reminders = s.Reminders();
        Assert.Equal(2, reminders.Count);
        Assert.Contains(reminders, m => ((string?)m["text"])!.Contains(rotate.ShortId + " ", StringComparison.Ordinal));
        Assert.Contains(reminders, m => ((string?)m["text"])!.Contains(trail.ShortId + " ", StringComparison.Ordinal));
        Assert.Contains("Reminder", reminders[0]["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(reminders, m => Assert.Contains("please work on this task and close it out", m.ToJsonString(), StringComparison.Ordinal));
        Assert.Equal([TaskMessages.StartAction, TaskMessages.CommentAction, TaskMessages.ResolveAction], TaskScenario.ActionIds(reminders[0]));

        var reports = s.App.Slack.PostedTo(IrBotApp.AdminChannel).Where(m => ((string?)m["text"])!.Contains("Open tasks", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reports.Count); // one per period
        var report = reports[^1];
        var jql = Uri.EscapeDataString($"labels = \"{TaskScenario.ChannelName}\" AND statusCategory != Done ORDER BY created ASC");
        Assert.Contains($"{s.Jira.BaseUrl}/issues/?jql={jql}", (string?)report["text"], StringComparison.Ordinal);
        Assert.Contains("(muted)", (string?)report["text"], StringComparison.Ordinal);

        // Same period again (a little later, staying inside the period): nothing more.
        var now = clock.GetUtcNow();
        var intoPeriod = TimeSpan.FromTicks(now.UtcTicks % Period.Ticks);
        clock.Advance((Period - intoPeriod) / 2);
        Assert.Equal(0, await TaskScenario.SendRemindersAsync(s.App));
        Assert.Equal(2, s.Reminders().Count);

        // Next period; the commander unmutes the task through the modal meanwhile (signed with the app's clock, which is ahead).
        s.App.SigningClock = clock;
        await MuteAsync(s, IrBotApp.IrMember, muted.ShortId, MuteModal.Unmute);
        Assert.False((await s.TaskAsync(muted.Id)).Muted);

        clock.Advance(Period);
        Assert.Equal(3, await TaskScenario.SendRemindersAsync(s.App));
        Assert.Equal(5, s.Reminders().Count);
        Assert.Contains(s.Reminders(), m => ((string?)m["text"])!.Contains(muted.ShortId + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_reminder_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await TaskScenario.StartAsync(services: x => x.AddSingleton<TimeProvider>(clock), settings: JobOnlyWhenTriggered, clock: clock);
        await s.CreateTaskAsync("Rotate the keys");
        await s.CreateTaskAsync("Read CloudTrail");
        await using var second = await IrBotApp.StartAsync(s.Settings, s.App.ConnectionString, s.App.Slack, x => x.AddSingleton<TimeProvider>(clock));

        clock.Advance(Period);
        var sent = await Task.WhenAll(
            TaskScenario.SendRemindersAsync(s.App),
            TaskScenario.SendRemindersAsync(second),
            TaskScenario.SendRemindersAsync(s.App),
            TaskScenario.SendRemindersAsync(second));

        Assert.Equal(2, sent.Sum());
        Assert.Equal(2, s.Reminders().Count);
        Assert.Single(s.App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"])!.Contains("Open tasks", StringComparison.Ordinal));
        await using var db = s.App.Db();
        Assert.Equal(3, await db.ReminderClaims.CountAsync());
    }

    [Fact]
    public async Task The_reminder_job_runs_from_quartzs_clustered_store_in_postgresql()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await TaskScenario.StartAsync(services: x => x.AddSingleton<TimeProvider>(clock), settings: JobOnlyWhenTriggered, clock: clock);
        await s.CreateTaskAsync();
        clock.Advance(Period);

        var scheduler = await s.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True((await scheduler.GetMetadata()).JobStoreClustered);
        await scheduler.TriggerJob(new JobKey(TaskReminderPeriod.ScheduleName, "irbot"));

        await IrBotApp.WaitUntilAsync(() => s.Reminders().Count == 1, "the job sends the reminder");
        await using var db = s.App.Db();
        var jobs = await db.Database.SqlQueryRaw<string>("SELECT job_name AS \"Value\" FROM qrtz_job_details").ToListAsync();
        Assert.Contains(TaskReminderPeriod.ScheduleName, jobs);
    }

    [Fact]
    public async Task Mute_is_for_the_ir_team_and_commanders_and_checks_the_task_id()
    {
        await using var s = await TaskScenario.StartAsync();
        var task = await s.CreateTaskAsync();

        var refused = JsonNode.Parse(await (await s.App.SendCommandAsync("mute " + task.ShortId, IrBotApp.Outsider, TaskScenario.IncidentChannel)).Content.ReadAsStringAsync())!;
        Assert.Contains("Only the IR team or an incident commander", (string?)refused["text"], StringComparison.Ordinal);
        Assert.Empty(s.App.Slack.Calls("views.open"));

        await s.App.SendCommandAsync("mute " + task.ShortId, TaskScenario.Commander, TaskScenario.IncidentChannel);
        var view = Assert.Single(s.App.Slack.Calls("views.open")).Json["view"]!;
        Assert.Equal(MuteModal.CallbackId, (string?)view["callback_id"]);
        Assert.Contains(task.ShortId, view.ToJsonString(), StringComparison.Ordinal);

        var unknown = JsonNode.Parse(await (await SubmitMuteAsync(s, TaskScenario.Commander, "T-999", MuteModal.Mute)).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)unknown["response_action"]);
        Assert.Contains("T-999", (string?)unknown["errors"]![MuteModal.TaskBlock], StringComparison.Ordinal);

        var outsider = JsonNode.Parse(await (await SubmitMuteAsync(s, IrBotApp.Outsider, task.ShortId, MuteModal.Mute)).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)outsider["response_action"]);

        await MuteAsync(s, TaskScenario.Commander, task.ShortId.ToLowerInvariant(), MuteModal.Mute);
        Assert.True((await s.TaskAsync(task.Id)).Muted);
    }

    private static async Task MuteAsync(TaskScenario s, string userId, string taskId, string choice)
    {
        var response = await SubmitMuteAsync(s, userId, taskId, choice);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> SubmitMuteAsync(TaskScenario s, string userId, string taskId, string choice) =>
        s.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            MuteModal.CallbackId,
            userId,
            string.Empty,
            (MuteModal.TaskBlock, TaskPayloads.Text(taskId)),
            (MuteModal.ChoiceBlock, TaskPayloads.Radio(choice))));
}
