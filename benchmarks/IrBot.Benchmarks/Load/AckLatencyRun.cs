using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Tasks;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>
/// "ack": how fast IR Bot (Release, its own process) acknowledges what Slack sends while its background work runs:
/// 100 requests a second for 20 s, open loop, a third each of <c>/irbot incident</c> (each opens an incident: channel,
/// invitations and messages against the Slack stand-in, as durable work), a task's "Start progress" click and a
/// <c>member_joined_channel</c> event. Slack wants an answer within 3 s; the goal is p99 under 50 ms.
/// </summary>
internal static class AckLatencyRun
{
    private const string Channel = "CBENCH0001";

    public static async Task RunAsync(int rate, int seconds, IReadOnlyList<string> botSettings)
    {
        Environment.SetEnvironmentVariable(PostgresServer.DurableVariable, "1");
        var postgres = await PostgresServer.GetAsync();
        using var slack = FakeSlack.Start();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var total = rate * seconds;
        var warmUp = rate * 5;
        var tasks = await SeedAsync(connectionString, (total + warmUp) / 3 + 1);
        var environment = BotEnvironment.For(slack, AppContext.BaseDirectory, "IR Bot", botSettings, new Dictionary<string, string?> { ["ConnectionStrings:IrBot"] = connectionString });
        await using var bot = await TargetProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "IrBot.dll"), [], environment);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = bot.Url, Timeout = TimeSpan.FromSeconds(30) };

        await SendAsync(http, slack, tasks, 0, warmUp, rate);
        var cpuBefore = bot.CpuTime;
        var results = await SendAsync(http, slack, tasks, warmUp, total, rate);
        var cpu = bot.CpuTime - cpuBefore;
        var (rss, peak) = bot.Rss;
        Console.WriteLine($"ack: {total:N0} requests at {rate}/s over {seconds} s (after {warmUp:N0} of warm-up), IR Bot CPU {cpu.TotalSeconds:F1} s, RSS {rss:F0} MB (peak {peak:F0}), load {NoteLoadRun.LoadAverage()}");
        foreach (var kind in results.GroupBy(r => r.Kind).Append(results.GroupBy(_ => "all").Single()))
        {
            var sorted = kind.Select(r => r.Ms).Order().ToArray();
            double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
            Console.WriteLine($"  {kind.Key,-10} {sorted.Length,6:N0}  p50 {P(50),6:F1} ms  p99 {P(99),6:F1} ms  max {sorted[^1],7:F1} ms  not 200: {kind.Count(r => !r.Ok)}");
        }

        // What the background did meanwhile (the point of "while background work runs").
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var work = new NpgsqlCommand("SELECT status, count(*) FROM work_items GROUP BY status ORDER BY status", connection);
        await using var reader = await work.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
        {
            statuses.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0}");
        }

        Console.WriteLine($"  work items at the end: {string.Join(", ", statuses)}; Slack stand-in calls: {slack.Server.LogEntries.Count:N0}");
        Console.WriteLine("goal: p99 < 50 ms for each kind");
    }

    private sealed record Sample(string Kind, double Ms, bool Ok);

    private static async Task<List<Sample>> SendAsync(HttpClient http, FakeSlack slack, IReadOnlyList<int> tasks, int first, int count, int rate)
    {
        var samples = new List<Sample>(count);
        var pending = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var wait = TimeSpan.FromSeconds((double)n / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var i = first + n;
            var (kind, path, body, type) = (i % 3) switch
            {
                0 => ("incident", "slack/commands", SlackPayloads.SlashCommand("/irbot", $"incident Bench {i}", IrBotApp.IrMember, "CREQUEST01", slack.ResponseUrl()), "application/x-www-form-urlencoded"),
                1 => ("click", "slack/interactivity", "payload=" + Uri.EscapeDataString(Click(tasks[i / 3])), "application/x-www-form-urlencoded"),
                _ => ("event", "slack/events", Event(i), "application/json"),
            };
            pending.Add(Task.Run(async () =>
            {
                using var request = SignedNotes.Signed(path, Encoding.UTF8.GetBytes(body), type, IrBotApp.SigningSecret);
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                    // No answer within the client's 30 s: counted as a failure at the time it took.
                }

                lock (samples)
                {
                    samples.Add(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok));
                }
            }));
        }

        await Task.WhenAll(pending);
        return samples;
    }

    /// <summary>"Start progress" on a task's DM card (the real block_actions payload of a DM button).</summary>
    private static string Click(int taskId)
    {
        var node = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_dm_message_button.json"))!.AsObject();
        node["user"]!["id"] = IrBotApp.IrMember;
        node["channel"]!["id"] = "D" + IrBotApp.IrMember;
        node["container"]!["channel_id"] = "D" + IrBotApp.IrMember;
        node["trigger_id"] = $"{Random.Shared.Next()}.12345.abcdef";
        var action = node["actions"]![0]!.AsObject();
        action["action_id"] = TaskMessages.StartAction;
        action["block_id"] = TaskMessages.ButtonsBlock;
        action["value"] = taskId.ToString(CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    /// <summary>Someone joins the incident channel (each a new event id: no two are deduplicated).</summary>
    private static string Event(int i) =>
        SlackPayloads.EventEnvelope(
            SlackPayloads.InnerEvent("events/member_joined_channel_inner_event_no_inviter.json", ("channel", Channel), ("user", $"UJOIN{i:D5}")),
            $"Ev{i:D8}");

    private static async Task<IReadOnlyList<int>> SeedAsync(string connectionString, int taskCount)
    {
        var options = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
        await using var db = new PostgresIrBotDbContext(options.Options);
        var incident = new Incident
        {
            Number = 100_000, Title = "Benchmark", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember,
            OpenedAt = DateTime.UtcNow, ChannelId = Channel, ChannelName = "ir-bench",
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        var tasks = Enumerable.Range(1, taskCount).Select(n => new IncidentTask
        {
            IncidentId = incident.Id, ShortId = $"T{n}", Title = $"Task {n}", OwnerId = IrBotApp.IrMember, CreatedBy = IrBotApp.IrMember,
            CreatedAt = DateTime.UtcNow, Status = IncidentTaskStatus.Open, DmChannelId = "D" + IrBotApp.IrMember, DmMessageTs = "1700000000.000100",
        }).ToList();
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync();
        return tasks.Select(t => t.Id).ToList();
    }
}
