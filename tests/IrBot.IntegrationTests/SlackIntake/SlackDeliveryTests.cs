using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IrBot.IntegrationTests.Participants;
using IrBot.IntegrationTests.Tasks;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.SlackIntake;

/// <summary>
/// The key flows of commands, interactivity and events, each run over HTTP (<see cref="HttpDeliveryTests"/>) and over
/// Socket Mode (<see cref="SocketModeDeliveryTests"/>) with the same assertions on what Slack, Confluence, TheHive,
/// Jira and the database end up with: the two ways in must not differ in what people see.
/// </summary>
public abstract class SlackDeliveryTests(SlackDeliveryHost host) : IAsyncLifetime
{
    private IrBotApp App => host.App;
    private ISlackDelivery Slack => host.Delivery;

    private static string Today => "ir-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        App.Slack.AddUser(TaskScenario.Owner, "Olive Owner", TaskScenario.OwnerEmail);
        App.Slack.AddUser(IrBotApp.IrMember, "Ian Responder", "ian@example.com");
        host.Jira.AddUser(TaskScenario.OwnerEmail, TaskScenario.OwnerAccountId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Irbot_incident_answers_at_once_and_opens_the_channel_the_confluence_page_and_the_thehive_case()
    {
        var answer = await Slack.SendCommandAsync("/irbot", "incident Suspicious logins on the VPN", IrBotApp.IrMember, "CREQUEST01");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("ephemeral", (string?)answer.Body!["response_type"]);
        Assert.Contains("Opening incident 1: Suspicious logins on the VPN", answer.Text, StringComparison.Ordinal);
        var incident = await IncidentIntegrations.WaitForAsync(App, 1, i => i.Status == IncidentStatus.Active && i.TheHiveCaseUrl is not null, "the incident is fully open");
        await App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Today, incident.ChannelName);
        Assert.Equal(App.Slack.Channel(Today)!.Id, incident.ChannelId);
        Assert.Contains("Incident 1: Suspicious logins on the VPN is open", (string?)App.Slack.PostedTo(incident.ChannelId!)[0]["text"], StringComparison.Ordinal);
        var page = host.Confluence.Page(incident.ConfluencePageId!);
        Assert.Equal($"{Today}: Suspicious logins on the VPN", page.Title);
        var @case = Assert.Single(host.TheHive.Cases, c => (string?)c["_id"] == incident.TheHiveCaseId);
        Assert.Contains(Today, @case["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Contains(incident.TheHiveCaseUrl!, page.Body, StringComparison.Ordinal);
        var told = Assert.Single(App.Slack.ResponseUrlPosts());
        Assert.Contains($"is open in <#{incident.ChannelId}>", (string?)told.Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_is_stored_and_answered_to_its_author_only()
    {
        await AddIncidentAsync(App);

        var answer = await Slack.SendCommandAsync("/note", "Isolated host web-01", IrBotApp.IrMember, Channel);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        await using var db = App.Db();
        var note = Assert.Single(await db.TimelineNotes.ToListAsync());
        Assert.Equal(("Isolated host web-01", IrBotApp.IrMember), (note.Text, note.AuthorId));
        Assert.Equal("ephemeral", (string?)answer.Body!["response_type"]);
        Assert.Contains($"note {note.Id}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Irbot_who_answers_the_asker_only_with_the_commander_and_the_scribe()
    {
        await AddIncidentAsync(App);

        var answer = await Slack.SendCommandAsync("/irbot", "who", IrBotApp.Outsider, Channel);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("ephemeral", (string?)answer.Body!["response_type"]);
        Assert.Equal($"*Incident 1: Suspicious logins*\nCommander: <@{IrBotApp.IrMember}>\nScribe: <@{IrBotApp.IrMember2}>", answer.Text);
        Assert.Empty(App.Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task A_task_start_click_acts_once_and_the_next_click_is_told_it_is_already_in_progress()
    {
        var task = await CreateTaskAsync(await AddIncidentAsync(App));

        var first = await Slack.SendInteractionAsync(StartClick(task));
        await IrBotApp.WaitUntilAsync(() => host.Jira.Issues.Single().Status == "In Progress", "the issue is in progress");
        await App.WaitForIdleAsync();
        var second = await Slack.SendInteractionAsync(StartClick(task));
        await IrBotApp.WaitUntilAsync(() => ToldTheClicker().Count == 1, "the second clicker is told");
        await App.WaitForIdleAsync();

        Assert.All([first, second], a => Assert.Equal((HttpStatusCode.OK, null), (a.Status, a.Body)));
        await using var db = App.Db();
        Assert.Equal(IncidentTaskStatus.InProgress, (await db.Tasks.SingleAsync()).Status);
        Assert.Single(host.Jira.Requests("POST", "/rest/api/2/issue/[^/]+/transitions"));
        Assert.Single(App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"])!.Contains("started *" + task.ShortId, StringComparison.Ordinal));
        Assert.Single(App.Slack.Calls("chat.update"), c => (string?)c.Json["channel"] == task.DmChannelId);
        Assert.Contains("already in progress", Assert.Single(ToldTheClicker()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_view_submission_with_bad_fields_is_answered_with_errors_beside_them_and_stores_nothing()
    {
        var incident = await AddIncidentAsync(App);

        var answer = await Slack.SendInteractionAsync(NewTask(incident, title: "  ", owner: null, criticality: "Urgent"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("errors", (string?)answer.Body!["response_action"]);
        var errors = answer.Body["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { NewTaskModal.CriticalityBlock, NewTaskModal.OwnerBlock, NewTaskModal.TitleBlock }.Order(StringComparer.Ordinal), errors);
        await App.WaitForIdleAsync();
        await using var db = App.Db();
        Assert.Empty(await db.Tasks.ToListAsync());
        Assert.Empty(await db.WorkItems.ToListAsync());
        Assert.Empty(host.Jira.Issues);
    }

    [Fact]
    public async Task A_block_suggestion_is_answered_with_the_departments_matching_what_was_typed()
    {
        await AddIncidentAsync(App);
        App.Slack.AddUser("UADA000001", "Ada Network", fields: new Dictionary<string, string> { [SlackDeliveryHost.DepartmentField] = "Network Engineering" });
        App.Slack.AddUser("UBEN000001", "Ben Finance", fields: new Dictionary<string, string> { [SlackDeliveryHost.DepartmentField] = "Finance" });

        var all = await Slack.SendInteractionAsync(DepartmentSuggestion(IrBotApp.IrMember, Channel, string.Empty));
        var typed = await Slack.SendInteractionAsync(DepartmentSuggestion(IrBotApp.IrMember, Channel, "net"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (all.Status, typed.Status));
        Assert.Equal(["Finance", "Network Engineering"], Options(all));
        Assert.Equal(["Network Engineering"], Options(typed));
    }

    [Fact]
    public async Task A_member_joined_channel_is_recorded_announced_and_the_newcomer_welcomed()
    {
        await AddIncidentAsync(App);

        var answer = await Slack.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "Ev0DELIVER1"));
        await IrBotApp.WaitUntilAsync(() => EphemeralsTo(App, Guest).Count == 1, "the newcomer is welcomed");
        await App.WaitForIdleAsync();

        Assert.Equal((HttpStatusCode.OK, null), (answer.Status, answer.Body));
        await using var db = App.Db();
        var joined = Assert.Single(await db.MembershipEvents.ToListAsync());
        Assert.Equal((Guest, MembershipKind.Joined, IrBotApp.IrMember), (joined.UserId, joined.Kind, joined.InviterId));
        Assert.Equal($":wave: <@{Guest}> joined, invited by <@{IrBotApp.IrMember}>.", (string?)Assert.Single(App.Slack.PostedTo(Channel))["text"]);
        Assert.Contains("Incident channel rules", Assert.Single(DirectMessagesTo(App, Guest)), StringComparison.Ordinal);
        Assert.Contains($"Commander: <@{IrBotApp.IrMember}>", (string?)Assert.Single(EphemeralsTo(App, Guest))["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_delivered_twice_acts_once()
    {
        await AddIncidentAsync(App);
        var joined = Joined(Guest, IrBotApp.Outsider, "Ev0DELIVER2");

        var first = await Slack.SendEventAsync(joined);
        var retry = await Slack.SendEventAsync(joined, retryAttempt: 1);
        await IrBotApp.WaitUntilAsync(() => EphemeralsTo(App, Guest).Count >= 1, "the newcomer is welcomed");
        await App.WaitForIdleAsync();

        Assert.All([first, retry], a => Assert.Equal(HttpStatusCode.OK, a.Status));
        await using var db = App.Db();
        Assert.Single(await db.ProcessedEvents.Where(e => e.EventId == "Ev0DELIVER2").ToListAsync());
        Assert.Single(await db.WorkItems.Where(w => w.Kind == SlackEventWork.Kind).ToListAsync());
        Assert.Single(await db.MembershipEvents.ToListAsync());
        Assert.Single(App.Slack.PostedTo(Channel));
        Assert.Single(DirectMessagesTo(App, IrBotApp.Outsider));
        Assert.Single(DirectMessagesTo(App, Guest));
        Assert.Single(EphemeralsTo(App, Guest));
    }

    /// <summary>Submits the new-task modal (as the IR team) and waits until the task has its Jira issue and its DM.</summary>
    private async Task<IncidentTask> CreateTaskAsync(Incident incident)
    {
        var answer = await Slack.SendInteractionAsync(NewTask(incident, "Rotate the leaked keys", TaskScenario.Owner, "Critical"));
        Assert.Equal((HttpStatusCode.OK, null), (answer.Status, answer.Body));
        IncidentTask? task = null;
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = App.Db();
                task = await db.Tasks.SingleOrDefaultAsync();
                return task is { DmMessageTs: not null, JiraKey: not null };
            },
            "the task has its DM and its issue");
        await App.WaitForIdleAsync();
        return task!;
    }

    private static string NewTask(Incident incident, string? title, string? owner, string criticality) =>
        TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            incident.Id.ToString(CultureInfo.InvariantCulture),
            (NewTaskModal.TitleBlock, TaskPayloads.Text(title)),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text(null)),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select(criticality)));

    private static string StartClick(IncidentTask task) =>
        TaskPayloads.Button(TaskMessages.StartAction, task.Id.ToString(CultureInfo.InvariantCulture), TaskScenario.Owner, task.DmChannelId!, task.DmMessageTs!);

    /// <summary>What the clicker was told, by ephemeral message or through the click's response_url.</summary>
    private List<string?> ToldTheClicker() =>
        App.Slack.Calls("chat.postEphemeral").Select(c => (string?)c.Json["text"])
            .Concat(App.Slack.ResponseUrlPosts().Select(c => (string?)c.Json["text"]))
            .ToList();

    private static List<string?> Options(SlackAnswer answer) =>
        answer.Body!["options"]!.AsArray().Select(o => (string?)o!["value"]).ToList();
}

/// <summary>The shared flows through the signed request URLs.</summary>
public sealed class HttpDeliveryTests(HttpDeliveryHost host) : SlackDeliveryTests(host), IClassFixture<HttpDeliveryHost>;

/// <summary>The shared flows as Socket Mode envelopes.</summary>
public sealed class SocketModeDeliveryTests(SocketModeDeliveryHost host) : SlackDeliveryTests(host), IClassFixture<SocketModeDeliveryHost>;
