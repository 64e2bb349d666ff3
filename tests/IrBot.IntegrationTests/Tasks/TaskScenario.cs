using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.TestSupport;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>IR Bot with a fake Jira and one active incident, plus the steps the task tests repeat.</summary>
public sealed class TaskScenario : IAsyncDisposable
{
    public const string Owner = "UOWNER0001";
    public const string OwnerEmail = "olive.owner@example.com";
    public const string OwnerAccountId = "5b10ac8d82e05b22cc7d4ef5";
    public const string OwnerUsername = "olive.owner";
    public const string Commander = "UCOMMAND01";
    public const string IncidentChannel = "CINCIDENT1";
    public const string ChannelName = "ir-20261125";

    private TaskScenario(IrBotApp app, FakeJira jira, Incident incident, IDictionary<string, string?> settings)
    {
        App = app;
        Jira = jira;
        Incident = incident;
        Settings = settings;
    }

    /// <summary>What the app was started with (to start a second instance alike).</summary>
    public IDictionary<string, string?> Settings { get; }

    public IrBotApp App { get; }
    public FakeJira Jira { get; }
    public Incident Incident { get; private set; }

    public static async Task<TaskScenario> StartAsync(
        bool jiraOn = true,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        bool dataCenter = false,
        bool jiraDownAtStart = false)
    {
        var jira = FakeJira.Start(dataCenter);
        var all = jiraOn ? jira.Settings() : new Dictionary<string, string?>();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        jira.Down = jiraDownAtStart;
        IrBotApp app;
        try
        {
            app = await IrBotApp.StartAsync(all, services: services);
        }
        catch
        {
            jira.Dispose();
            throw;
        }

        jira.Down = false;
        Arrange(app, jira);
        var incident = await AddIncidentAsync(app, 1, IncidentChannel, ChannelName, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        return new TaskScenario(app, jira, incident, all);
    }

    /// <summary>
    /// Back to the state <see cref="StartAsync"/> leaves, on the same host: Jira answers again, the
    /// work a test left has run, the tables are empty, the fakes forget, and the incident is back.
    /// </summary>
    public async Task ResetAsync()
    {
        Jira.Down = false;
        Jira.LoseNextCreateAnswer = false;
        await App.ResetAsync();
        Jira.Reset();
        Arrange(App, Jira);
        Incident = await AddIncidentAsync(App, 1, IncidentChannel, ChannelName, TimeProvider.System.GetUtcNow().UtcDateTime);
    }

    private static void Arrange(IrBotApp app, FakeJira jira)
    {
        jira.AddUser(OwnerEmail, jira.DataCenter ? OwnerUsername : OwnerAccountId);
        app.Slack.AddUser(Owner, "Olive Owner", OwnerEmail);
        app.Slack.AddUser(IrBotApp.IrMember, "Ian Responder", "ian@example.com");
    }

    public static async Task<Incident> AddIncidentAsync(IrBotApp app, int number, string channelId, string channelName, DateTime openedAt)
    {
        await using var db = app.Db();
        var incident = new Incident
        {
            Number = number,
            Title = "Leaked AWS keys",
            Status = IncidentStatus.Active,
            RequestedBy = IrBotApp.IrMember,
            OpenedAt = openedAt,
            ChannelId = channelId,
            ChannelName = channelName,
            CommanderId = Commander,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    public string IncidentId => Incident.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Submits the new-task modal as the IR team and waits until the owner has the DM.</summary>
    public async Task<IncidentTask> CreateTaskAsync(string title = "Rotate the leaked keys", string criticality = "Critical", string? description = "Rotate every key in the leaked file.")
    {
        var dmsBefore = App.Slack.PostedTo("D" + Owner).Count;
        var response = await SubmitNewTaskAsync(IrBotApp.IrMember, title, description, Owner, criticality);
        response.EnsureSuccessStatusCode();
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        await IrBotApp.WaitUntilAsync(() => App.Slack.PostedTo("D" + Owner).Count > dmsBefore, "the owner has the task DM");
        IncidentTask? task = null;
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                // The DM's place is saved just after it is posted.
                await using var db = App.Db();
                task = await db.Tasks.OrderByDescending(t => t.Id).FirstAsync();
                return task.DmMessageTs is not null;
            },
            "the task knows its DM");
        return task!;
    }

    public Task<HttpResponseMessage> SubmitNewTaskAsync(string userId, string? title, string? description, string? owner, string criticality) =>
        App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            userId,
            IncidentId,
            (NewTaskModal.TitleBlock, TaskPayloads.Text(title)),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text(description)),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select(criticality))));

    public Task<HttpResponseMessage> ClickAsync(string actionId, IncidentTask task, string userId = Owner) =>
        App.SendInteractionAsync(TaskPayloads.Button(actionId, task.Id.ToString(CultureInfo.InvariantCulture), userId, task.DmChannelId ?? "D" + Owner, task.DmMessageTs ?? "1700000000.000100"));

    public Task<HttpResponseMessage> SubmitTextAsync(string callbackId, IncidentTask task, string text, string userId = Owner) =>
        App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            callbackId, userId, task.Id.ToString(CultureInfo.InvariantCulture), (TaskTextModal.TextBlock, TaskPayloads.Text(text))));

    public async Task<IncidentTask> TaskAsync(int id)
    {
        await using var db = App.Db();
        return await db.Tasks.SingleAsync(t => t.Id == id);
    }

    /// <summary>Runs the reminders of one instance now, as its Quartz job would.</summary>
    public static async Task<int> SendRemindersAsync(IrBotApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskReminders>().SendAsync(CancellationToken.None);
    }

    public IReadOnlyList<JsonNode> Reminders() =>
        App.Slack.PostedTo("D" + Owner).Where(m => ((string?)m["text"])!.StartsWith("Reminder:", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<JsonNode> Updates(string channel) =>
        App.Slack.Calls("chat.update").Select(c => c.Json).Where(j => (string?)j["channel"] == channel).ToList();

    public static IEnumerable<string?> ActionIds(JsonNode message) =>
        (message["blocks"] as JsonArray ?? [])
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => (string?)e!["action_id"]);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Jira.Dispose();
    }
}
