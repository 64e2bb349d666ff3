using System.Diagnostics;
using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Tasks;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;

/// <summary>
/// "fanout": one reminder period of IR Bot (Release, its own process, pacing on) with thousands of open tasks, against a
/// Slack stand-in that enforces Slack's rate limits (<see cref="SlackLimitsEnforcer"/>). Prints reminders accepted
/// against expected (each exactly once), 429s, the period's wall time against the least the limits allow, IR Bot's CPU
/// (read from /proc for its process alone) and its memory at the start, middle and end of the period.
/// </summary>
internal static class FanOutRun
{
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(int taskCount, int incidentCount, int assignees, string? botDll, IReadOnlyList<string> botSettings)
    {
        Environment.SetEnvironmentVariable(PostgresServer.DurableVariable, "1");
        var postgres = await PostgresServer.GetAsync();
        using var slack = FakeSlack.Start();
        var limits = new SlackLimitsEnforcer();
        slack.RateLimiter = limits.Check;
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var seed = await SeedAsync(connectionString, taskCount, incidentCount, assignees);

        // Pacing on, and not on its own schedule: the run triggers the job once (below). A cron schedule counts as
        // 30-minute periods for the claims.
        botDll ??= Path.Combine(AppContext.BaseDirectory, "IrBot.dll");
        var environment = BotEnvironment.For(slack, Path.GetDirectoryName(Path.GetFullPath(botDll))!, "IR Bot", botSettings, new Dictionary<string, string?>
        {
            ["ConnectionStrings:IrBot"] = connectionString,
            ["Slack:Pacing"] = "true",
            ["Schedules:TaskReminders"] = "0 0 0 1 1 ? 2099",
        });
        await using var bot = await TargetProcess.StartAsync(botDll, [], environment);
        Console.WriteLine($"fanout: {seed.Due:N0} open tasks across {incidentCount} incidents, {assignees} assignees (task i of 1/√i of the share: busiest {seed.Busiest:N0} tasks, quietest {seed.Quietest:N0}), plus {seed.NotDue:N0} muted or resolved; IR Bot {botDll}; load {NoteLoadRun.LoadAverage()}");

        // Before the period: what IR Bot costs with nothing to send (its pollers, Quartz's check-ins, and the end of its JIT warm-up).
        var idleFrom = (Cpu: bot.CpuTime, Clock: Stopwatch.StartNew());
        await Task.Delay(TimeSpan.FromSeconds(30));
        await TriggerRemindersAsync(connectionString);
        var triggered = Stopwatch.StartNew();
        while (Reminders(slack) == 0 && triggered.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
        }

        var idle = Percent(bot.CpuTime - idleFrom.Cpu, idleFrom.Clock.Elapsed);
        var start = (Cpu: bot.CpuTime, Clock: Stopwatch.StartNew(), Memory: Memory(bot), Lines: bot.Lines);
        var samples = new List<(TimeSpan At, double CpuPercent, int Sent, (double Rss, double Anon) Memory)>();
        var last = (Cpu: start.Cpu, At: TimeSpan.Zero);
        var deadline = TimeSpan.FromSeconds((seed.Due / 5.0) * 2 + 300);
        while (!AdminReportPosted(slack) && start.Clock.Elapsed < deadline)
        {
            await Task.Delay(Sample);
            var (cpu, at) = (bot.CpuTime, start.Clock.Elapsed);
            samples.Add((at, Percent(cpu - last.Cpu, at - last.At), Reminders(slack), Memory(bot)));
            last = (cpu, at);
            if (samples.Count % 12 == 0)
            {
                Console.WriteLine($"  {at.TotalSeconds,5:F0} s: {samples[^1].Sent,6:N0} reminders, CPU {samples[^1].CpuPercent,5:F1} % of a core, RSS {samples[^1].Memory.Rss:F0} MB");
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(5)); // anything sent twice would come now
        var cpuTotal = bot.CpuTime - start.Cpu;
        var end = Memory(bot);
        var messages = slack.Messages().Where(m => m.Channel.StartsWith('D')).Select(m => (string?)m.Body["text"] ?? string.Empty)
            .Where(t => t.StartsWith("Reminder: ", StringComparison.Ordinal)).Select(t => t.Split(' ')[1]).ToList();
        var byTask = messages.CountBy(id => id).ToDictionary(c => c.Key, c => c.Value);
        var first = slack.Server.LogEntries.Where(e => e.RequestMessage?.Path == "/api/chat.postMessage").Min(e => e.RequestMessage!.DateTime);
        var lastPost = slack.Server.LogEntries.Where(e => e.RequestMessage?.Path == "/api/chat.postMessage" && e.ResponseMessage?.StatusCode is 200).Max(e => e.RequestMessage!.DateTime);
        var wall = lastPost - first;
        var minimum = TimeSpan.FromSeconds(Math.Max((seed.Due + 1 - 30) / 5.0, seed.Busiest - 3)); // +1: the admin report

        Console.WriteLine($"  reminders accepted {messages.Count:N0} of {seed.Due:N0} expected: {byTask.Count:N0} tasks reminded, {byTask.Count(c => c.Value > 1)} more than once, {seed.Due - byTask.Keys.Count(seed.DueIds.Contains)} not reminded, {byTask.Keys.Count(k => !seed.DueIds.Contains(k))} muted/resolved reminded; admin report {(AdminReportPosted(slack) ? "posted" : "NOT posted")}");
        Console.WriteLine($"  429s answered: {limits.Refused.Values.Sum()} ({string.Join(", ", limits.Refused.Select(r => $"{r.Key} {r.Value}"))}); calls allowed: {string.Join(", ", limits.Allowed.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value:N0}"))}");
        Console.WriteLine($"  wall time of the period (first post to last): {wall.TotalSeconds:F0} s; least the limits allow {minimum.TotalSeconds:F0} s (workspace 300/min after a burst of 30: {(seed.Due + 1 - 30) / 5.0:F0} s; busiest DM at 1/s after a burst of 3: {seed.Busiest - 3} s); ratio {wall / minimum:F3}");
        Console.WriteLine($"  IR Bot CPU over the period: {cpuTotal.TotalSeconds:F1} s = {cpuTotal.TotalMilliseconds / Math.Max(1, messages.Count):F2} ms per reminder; {Percent(cpuTotal, start.Clock.Elapsed):F1} % of a core on average (5-s samples: median {Median(samples.Select(s => s.CpuPercent)):F1} %, max {samples.Select(s => s.CpuPercent).DefaultIfEmpty().Max():F1} %); after start-up, before the period {idle:F1} %; {bot.Lines - start.Lines:N0} log lines");
        var middle = samples.Count > 0 ? samples[samples.Count / 2].Memory : start.Memory;
        Console.WriteLine($"  IR Bot memory, RSS (anonymous): start {start.Memory.Rss:F0} MB ({start.Memory.Anon:F0}), middle {middle.Rss:F0} MB ({middle.Anon:F0}), end {end.Rss:F0} MB ({end.Anon:F0}); max during the period {samples.Select(s => s.Memory.Rss).DefaultIfEmpty().Max():F0} MB; load {NoteLoadRun.LoadAverage()}");
        Console.WriteLine("goal: each reminder exactly once, no 429 storm, wall time near the least, CPU < 10 % of a core between sends, memory flat");
    }

    /// <summary>Fires the reminder job once, as an operator would from Quartz: a one-off trigger in the clustered store that IR Bot's scheduler picks up.</summary>
    private static async Task TriggerRemindersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT sched_name FROM qrtz_job_details WHERE job_name = $1", connection) { Parameters = { new() { Value = TaskReminderPeriod.ScheduleName } } };
        var schedulerName = (string?)await query.ExecuteScalarAsync() ?? throw new InvalidOperationException("IR Bot has not scheduled its reminder job");
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
            {
                q.ConfigureScheduler(o =>
                {
                    o.InstanceName = schedulerName;
                    o.InstanceId = "fanout-benchmark";
                });
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering();
                });
            })
            .BuildScheduler();
        await scheduler.TriggerJob(new JobKey(TaskReminderPeriod.ScheduleName, "irbot"));
        await scheduler.Shutdown();
    }

    private static int Reminders(FakeSlack slack) => slack.Messages().Count(m => m.Channel.StartsWith('D'));

    private static bool AdminReportPosted(FakeSlack slack) =>
        slack.Messages().Any(m => m.Channel == IrBotApp.AdminChannel && ((string?)m.Body["text"] ?? string.Empty).Contains("Open tasks", StringComparison.Ordinal));

    private static double Percent(TimeSpan cpu, TimeSpan wall) => wall > TimeSpan.Zero ? 100 * cpu / wall : 0;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>RSS and its anonymous part (heaps, not mapped assemblies), in MB, from /proc.</summary>
    private static (double Rss, double Anon) Memory(TargetProcess bot)
    {
        var (rss, _) = bot.Rss;
        var anon = File.ReadLines($"/proc/{bot.Id}/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
        return (rss, anon is null ? double.NaN : long.Parse(anon.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0);
    }

    private sealed record Seed(int Due, int NotDue, int Busiest, int Quietest, HashSet<string> DueIds);

    /// <summary>
    /// Incidents 1…n, active, each with its share of the tasks; assignee i gets a share of 1/√i (a few responders carry
    /// most tasks, as in a real team), the tasks assigned in a shuffled order, all their DM cards posted an hour ago.
    /// </summary>
    private static async Task<Seed> SeedAsync(string connectionString, int taskCount, int incidentCount, int assignees)
    {
        var options = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
        await using var db = new PostgresIrBotDbContext(options.Options);
        var assigned = DateTime.UtcNow.AddHours(-1);
        var incidents = Enumerable.Range(1, incidentCount).Select(n => new Incident
        {
            Number = n, Title = $"Fan-out incident {n}", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember,
            OpenedAt = assigned.AddHours(-1), ChannelId = $"CFAN{n:D5}", ChannelName = $"ir-fanout-{n}",
        }).ToList();
        db.Incidents.AddRange(incidents);
        await db.SaveChangesAsync();

        var weights = Enumerable.Range(1, assignees).Select(i => 1 / Math.Sqrt(i)).ToList();
        var counts = weights.Select(w => (int)Math.Floor(taskCount * w / weights.Sum())).ToList();
        for (var i = 0; counts.Sum() < taskCount; i++)
        {
            counts[i % assignees]++;
        }

        var random = new Random(15);
        var owners = counts.SelectMany((n, i) => Enumerable.Repeat($"UASSIGN{i:D3}", n)).OrderBy(_ => random.Next()).ToList();
        var notDue = Math.Max(1, taskCount / 50);
        var tasks = owners.Select((owner, n) => Task(n, owner, incidents[n % incidentCount].Id, IncidentTaskStatus.Open, muted: false))
            .Concat(Enumerable.Range(taskCount, notDue).Select(n => Task(n, owners[n % taskCount], incidents[n % incidentCount].Id, IncidentTaskStatus.Open, muted: true)))
            .Concat(Enumerable.Range(taskCount + notDue, notDue).Select(n => Task(n, owners[n % taskCount], incidents[n % incidentCount].Id, IncidentTaskStatus.Resolved, muted: false)))
            .ToList();
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync();
        return new Seed(taskCount, 2 * notDue, counts.Max(), counts.Min(), tasks.Take(taskCount).Select(t => t.ShortId).ToHashSet(StringComparer.Ordinal));

        IncidentTask Task(int n, string owner, int incidentId, IncidentTaskStatus status, bool muted) => new()
        {
            IncidentId = incidentId, ShortId = $"T-{n + 1}", Title = $"Fan-out task {n + 1}", OwnerId = owner, CreatedBy = IrBotApp.IrMember,
            CreatedAt = assigned, Status = status, Muted = muted, DmChannelId = "D" + owner, DmMessageTs = "1700000000.000100",
        };
    }
}
