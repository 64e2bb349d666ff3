using IrBot.Data;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Chaos;

/// <summary>
/// Everything the chaos run talks to: one PostgreSQL database, the five vendor fakes behind one seeded
/// <see cref="FailureInjector"/>, and IR Bot as a real process that can be killed (-9) and started again.
/// </summary>
internal sealed class ChaosWorld : IAsyncDisposable
{
    public const string InstanceId = "chaos-0";
    public const string Owner = "UOWNER0001";
    public const string OwnerEmail = "olive.owner@example.com";

    private ChaosWorld(int seed, string database)
    {
        Database = database;
        Injector = new FailureInjector(seed);
    }

    public string Database { get; }
    public FailureInjector Injector { get; }
    public FakeSlack Slack { get; } = FakeSlack.Start();
    public FakeJira Jira { get; } = FakeJira.Start();
    public FakeConfluence Confluence { get; } = FakeConfluence.Start();
    public FakeTheHive TheHive { get; } = FakeTheHive.Start();
    public FakeSumo Sumo { get; } = FakeSumo.Start();
    public IrBotProcess? Bot { get; private set; }
    public Dictionary<string, string?> Settings { get; } = [];

    public static async Task<ChaosWorld> StartAsync(int seed)
    {
        var world = new ChaosWorld(seed, await (await PostgresServer.GetAsync()).CreateMigratedDatabaseAsync());
        world.Arrange();
        await world.StartBotAsync();
        return world;
    }

    private void Arrange()
    {
        foreach (var part in new[] { Jira.Settings(), Confluence.Settings(), TheHive.Settings() })
        {
            foreach (var (key, value) in part)
            {
                Settings[key] = value;
            }
        }

        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["IrTeam:Members:1"] = IrBotApp.IrMember2,
            ["Work:InstanceId"] = InstanceId,
            ["Work:LeaseSeconds"] = "5",
            ["Work:PollSeconds"] = "1",
            ["Work:MaxBackoffSeconds"] = "2",
            // Nothing here is a reason to give up: every failure injected is one that passes.
            ["Work:MaxAttempts"] = "1000",
            ["Resilience:Jira:AttemptTimeoutSeconds"] = "2",
            ["Resilience:Jira:TotalTimeoutSeconds"] = "10",
            ["SumoLogic:CollectorUrl"] = Sumo.CollectorUrl,
            ["SumoLogic:FlushSeconds"] = "1",
            ["SumoLogic:MaxBackoffSeconds"] = "1",
            ["Resilience:SumoLogic:BaseDelayMilliseconds"] = "10",
        })
        {
            Settings[key] = value;
        }

        Jira.AddUser(OwnerEmail, "5b10ac8d82e05b22cc7d4ef5");
        Slack.AddUser(Owner, "Olive Owner", OwnerEmail);
        Slack.AddUser(IrBotApp.IrMember, "Ian Responder", "ian@example.com", title: "SOC analyst");
        Slack.AddUser(IrBotApp.IrMember2, "Irene Responder", "irene@example.com");

        InjectedFailure[] beforeOrAfter =
        [
            InjectedFailure.ServiceUnavailable, InjectedFailure.RateLimited, InjectedFailure.ResetBeforeDoing,
            InjectedFailure.SlowAnswer, InjectedFailure.ResetAfterDoing,
        ];
        InjectedFailure[] withTimeouts = [.. beforeOrAfter, InjectedFailure.AnswerAfterTimeout];

        // Slack: its client waits minutes, so no answer comes "too late"; auth.test is the start-up check, left alone
        // so a restart is not a coin toss.
        Injector.Attach(Slack.Server, "Slack", beforeOrAfter, applies: path => path != "/api/auth.test");
        Injector.Attach(Jira.Server, "Jira", withTimeouts, callerTimeout: TimeSpan.FromSeconds(2));
        Injector.Attach(Confluence.Server, "Confluence", withTimeouts, callerTimeout: TimeSpan.FromSeconds(1));
        Injector.Attach(TheHive.Server, "TheHive", withTimeouts, callerTimeout: TimeSpan.FromSeconds(1));
        // Sumo's HTTP source has no idempotency at all: a batch whose answer is lost is ingested twice by any
        // client, so only failures that leave nothing ingested are fair here.
        Injector.Attach(Sumo.Server, "Sumo", [InjectedFailure.ServiceUnavailable, InjectedFailure.RateLimited, InjectedFailure.ResetBeforeDoing, InjectedFailure.SlowAnswer]);
    }

    public async Task StartBotAsync() => Bot = await IrBotProcess.StartAsync(Database, Slack, Settings);

    /// <summary>kill -9, then a start under the same instance id, as an orchestrator restarts a crashed pod.</summary>
    public async Task KillAndRestartAsync()
    {
        Bot!.Kill();
        Bot.Dispose();
        Bot = null;
        await StartBotAsync();
    }

    public IrBotDbContext Db()
    {
        var options = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        DataExtensions.ConfigurePostgres(options, Database);
        return new PostgresIrBotDbContext(options.Options);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, int? retryNum = null)
    {
        using var request = IrBotApp.Signed(path, body, contentType, retryNum);
        return await Bot!.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> CommandAsync(string text, string channelId, string userId = IrBotApp.IrMember, string command = "/irbot") =>
        PostAsync("/slack/commands", SlackPayloads.SlashCommand(command, text, userId, channelId, Slack.ResponseUrl()), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> InteractionAsync(string payloadJson) =>
        PostAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payloadJson), "application/x-www-form-urlencoded");

    /// <summary>An event, retried as Slack retries it while IR Bot does not answer 200.</summary>
    public async Task<bool> EventAsync(string envelope)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            try
            {
                using var response = await PostAsync("/slack/events", envelope, "application/json", attempt == 0 ? null : attempt);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Bot?.Dispose();
        Injector.Dispose();
        Slack.Dispose();
        Jira.Dispose();
        Confluence.Dispose();
        TheHive.Dispose();
        Sumo.Dispose();
        await Task.CompletedTask;
    }
}
