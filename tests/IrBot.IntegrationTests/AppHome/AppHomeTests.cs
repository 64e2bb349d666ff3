using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.AppHome;
using IrBot.Incidents;
using IrBot.Statistics;
using IrBot.Tasks;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.AppHome;

/// <summary>The Home tab as Slack shows it (the last views.publish per person), for an IR member and an outsider.</summary>
public sealed class AppHomeTests : IAsyncLifetime
{
    private IrBotApp _app = null!;
    private long _failedJob;
    private int _task;
    private string _responseUrl = null!;

    public async Task InitializeAsync()
    {
        _app = await IrBotApp.StartAsync();
        _responseUrl = _app.Slack.ResponseUrl();
        await using var db = _app.Db();
        var now = DateTime.UtcNow;
        var phishing = new Incident { Number = 1, Title = "Phishing wave", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember, OpenedAt = now.AddHours(-2), ChannelId = "CINC000001", CommanderId = IrBotApp.IrMember2, ConfluencePageUrl = "https://wiki.example.com/pages/1" };
        var laptop = new Incident { Number = 2, Title = "Stolen laptop", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember, OpenedAt = now.AddMinutes(-30), ChannelId = "CINC000002" };
        var old = new Incident { Number = 3, Title = "Old case", Status = IncidentStatus.Closed, RequestedBy = IrBotApp.IrMember, OpenedAt = now.AddDays(-3), ClosedAt = now.AddDays(-2), ChannelId = "CINC000003" };
        db.Incidents.AddRange(phishing, laptop, old);
        await db.SaveChangesAsync();
        var task = new IncidentTask { IncidentId = laptop.Id, ShortId = "T-1", Title = "Wipe the laptop remotely", OwnerId = IrBotApp.Outsider, CreatedBy = IrBotApp.IrMember, CreatedAt = now, Criticality = TaskCriticality.High };
        db.Tasks.Add(task);
        // A job that gave up: its re-run posts to a response_url, which the test can count.
        var failed = new WorkItem
        {
            Kind = StatisticsResetAnswerWork.Kind,
            Payload = $$"""{"responseUrl":"{{_responseUrl}}","resetBy":"{{IrBotApp.IrMember}}","resetAt":"2026-11-30T10:00:00Z"}""",
            Status = WorkStatus.Failed,
            Attempts = 5,
            LastError = "response_url: http_500",
            CreatedAt = now.AddMinutes(-10),
            UpdatedAt = now.AddMinutes(-5),
            NextAttemptAt = now.AddMinutes(-5),
        };
        db.WorkItems.Add(failed);
        await db.SaveChangesAsync();
        _failedJob = failed.Id;
        _task = task.Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_ir_member_sees_every_open_incident_the_statistics_and_the_failed_job_with_retry()
    {
        var home = await OpenHomeAsync(IrBotApp.IrMember);
        var text = Text(home);

        Assert.Contains("*Open incidents* (2)", text, StringComparison.Ordinal);
        Assert.Contains("*Incident 1: Phishing wave* <#CINC000001>", text, StringComparison.Ordinal);
        Assert.Contains($"Commander: <@{IrBotApp.IrMember2}> · Scribe: TBD · open for 2 h 00 m · 0 open tasks", text, StringComparison.Ordinal);
        Assert.Contains("<https://wiki.example.com/pages/1|Confluence page>", text, StringComparison.Ordinal);
        Assert.Contains("*Incident 2: Stolen laptop*", text, StringComparison.Ordinal);
        Assert.Contains("1 open task", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Old case", text, StringComparison.Ordinal);
        Assert.Contains("*Statistics, last 30 days*", text, StringComparison.Ordinal);
        Assert.Contains("*IR Bot incidents*: 3", text, StringComparison.Ordinal);
        Assert.Contains($":x: *failed* after 5 attempts: `{StatisticsResetAnswerWork.Kind}`", text, StringComparison.Ordinal);
        Assert.Contains("Last error: _response_url: http_500_", text, StringComparison.Ordinal);
        Assert.Equal([_failedJob.ToString(CultureInfo.InvariantCulture)], Buttons(home, HomeBuilder.RetryAction));
    }

    [Fact]
    public async Task An_outsider_sees_only_the_incident_they_are_in_and_their_task_with_the_dm_buttons()
    {
        var home = await OpenHomeAsync(IrBotApp.Outsider);
        var text = Text(home);

        Assert.Contains("*Your open incidents* (1)", text, StringComparison.Ordinal);
        Assert.Contains("*Incident 2: Stolen laptop* <#CINC000002> · _you are in it_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Phishing wave", text, StringComparison.Ordinal);
        Assert.Contains("*Your open tasks* (1)", text, StringComparison.Ordinal);
        Assert.Contains("T-1: Wipe the laptop remotely", text, StringComparison.Ordinal);
        Assert.Equal([_task.ToString(CultureInfo.InvariantCulture)], Buttons(home, TaskMessages.StartAction));
        Assert.DoesNotContain("Statistics", text, StringComparison.Ordinal);
        Assert.Empty(Buttons(home, HomeBuilder.RetryAction));
    }

    [Fact]
    public async Task Retry_reruns_a_failed_job_once_for_the_ir_team_only()
    {
        await OpenHomeAsync(IrBotApp.IrMember);
        var id = _failedJob.ToString(CultureInfo.InvariantCulture);

        await _app.SendInteractionAsync(HomeButton(HomeBuilder.RetryAction, id, IrBotApp.Outsider));
        await _app.WaitForIdleAsync();
        Assert.Equal(WorkStatus.Failed, await StatusAsync());
        // A Home tab click carries no channel and no response_url: the refusal comes by DM, not silence.
        Assert.Equal([":no_entry: Only the IR team can retry IR Bot's jobs."], DirectMessagesTo(IrBotApp.Outsider));

        await _app.SendInteractionAsync(HomeButton(HomeBuilder.RetryAction, id, IrBotApp.IrMember));
        await IrBotApp.WaitUntilAsync(async () => await StatusAsync() == WorkStatus.Done, "the job ran again");
        await _app.WaitForIdleAsync();
        Assert.Empty(DirectMessagesTo(IrBotApp.IrMember));
        await _app.SendInteractionAsync(HomeButton(HomeBuilder.RetryAction, id, IrBotApp.IrMember));
        await _app.WaitForIdleAsync();

        Assert.Single(_app.Slack.ResponseUrlPosts(), p => p.Json["text"]!.ToString().Contains("Statistics reset", StringComparison.Ordinal));
        Assert.Empty(Buttons(_app.Slack.Home(IrBotApp.IrMember)!, HomeBuilder.RetryAction));
        Assert.Equal([$"Job {id} is already queued again or done; nothing to retry."], DirectMessagesTo(IrBotApp.IrMember));
    }

    [Fact]
    public async Task A_task_button_clicked_in_the_home_tab_by_someone_else_is_answered_by_dm()
    {
        await OpenHomeAsync(IrBotApp.Outsider);

        await _app.SendInteractionAsync(HomeButton(TaskMessages.StartAction, _task.ToString(CultureInfo.InvariantCulture), "USTRANGER1"));
        await _app.WaitForIdleAsync();

        Assert.Equal([$":no_entry: Only <@{IrBotApp.Outsider}> (the owner) or the IR team can act on T-1."], DirectMessagesTo("USTRANGER1"));
        await using var db = _app.Db();
        Assert.Equal(IncidentTaskStatus.Open, (await db.Tasks.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_new_commander_refreshes_the_open_home_tabs()
    {
        await OpenHomeAsync(IrBotApp.IrMember);
        var published = _app.Slack.Calls("views.publish").Count;

        await _app.SendCommandAsync("ic <@UNEWCMDR01>", IrBotApp.IrMember, "CINC000002");

        await IrBotApp.WaitUntilAsync(() => _app.Slack.Calls("views.publish").Count > published, "the Home tab is published again");
        await _app.WaitForIdleAsync();
        Assert.Contains("Commander: <@UNEWCMDR01>", Text(_app.Slack.Home(IrBotApp.IrMember)!), StringComparison.Ordinal);
    }

    /// <summary>What the bot posted in its DM with someone (conversations.open gives D + their id in the fake).</summary>
    private List<string> DirectMessagesTo(string userId) =>
        _app.Slack.PostedTo("D" + userId).Select(m => (string?)m["text"] ?? string.Empty).ToList();

    private async Task<WorkStatus> StatusAsync()
    {
        await using var db = _app.Db();
        return (await db.WorkItems.SingleAsync(w => w.Id == _failedJob)).Status;
    }

    private async Task<JsonNode> OpenHomeAsync(string userId)
    {
        // The app_home_opened event as Slack's Events API page shows it (user, channel, tab, event_ts).
        var inner = new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = userId,
            ["channel"] = "D" + userId,
            ["tab"] = "home",
            ["event_ts"] = "1700000000.000100",
        };
        var before = _app.Slack.Calls("views.publish").Count;
        (await _app.SendEventAsync(SlackPayloads.EventEnvelope(inner, "Ev" + Guid.NewGuid().ToString("N")[..10]))).EnsureSuccessStatusCode();
        await IrBotApp.WaitUntilAsync(() => _app.Slack.Calls("views.publish").Count > before && _app.Slack.Home(userId) is not null, "the Home tab is published");
        return _app.Slack.Home(userId)!;
    }

    /// <summary>A click in the Home tab: the DM button payload with the view container Slack sends for Home clicks.</summary>
    private static string HomeButton(string actionId, string value, string userId)
    {
        var node = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_dm_message_button.json"))!.AsObject();
        node["user"]!["id"] = userId;
        node.Remove("channel");
        node.Remove("message");
        node.Remove("response_url");
        node["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "VHOME" + userId };
        node["view"] = new JsonObject { ["id"] = "VHOME" + userId, ["type"] = "home", ["blocks"] = new JsonArray() };
        node["trigger_id"] = $"{Random.Shared.Next()}.12345.abcdef";
        var action = node["actions"]![0]!.AsObject();
        action["action_id"] = actionId;
        action["block_id"] = "work";
        action["value"] = value;
        // Each click has its own action_ts (one click delivered twice keeps it, and acts once).
        action["action_ts"] = $"1700000000.{Random.Shared.Next(1, 999999):D6}";
        return node.ToJsonString();
    }

    private static string Text(JsonNode view) =>
        string.Join('\n', view["blocks"]!.AsArray().SelectMany(b => b!["elements"] is JsonArray e && (string?)b["type"] == "context"
            ? e.Select(x => (string?)x!["text"])
            : [(string?)b!["text"]?["text"]]));

    /// <summary>The values of the buttons with this action id, in accessories and actions blocks.</summary>
    private static List<string?> Buttons(JsonNode view, string actionId) =>
        view["blocks"]!.AsArray()
            .SelectMany(b => (b!["elements"] as JsonArray)?.Select(e => e!) ?? (b["accessory"] is { } a ? [a] : []))
            .Where(e => (string?)e["action_id"] == actionId)
            .Select(e => (string?)e["value"])
            .ToList();
}
