using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using IrBot.Hosting;
using IrBot.Incidents;
using IrBot.TestSupport;
using IrBot.Slack;
using IrBot.Timeline;
using Microsoft.EntityFrameworkCore;

// IR Bot timeline benchmarks.
//   dotnet run -c Release --project benchmarks/IrBot.Benchmarks -- [note|merge|stats|all] [--rate 500] [--seconds 20]
//     [--url http://host:port --signing-secret S --channel C --user U]   (against a running IR Bot instead of in-process)
//     [--request-log]   (in-process: keep Serilog's one line per request, as in production; it goes to stdout)
//   stats: the statistics query over 100,000 incidents on PostgreSQL and SQLite.
//   dotnet run -c Release --project benchmarks/IrBot.Benchmarks -- load [--rounds 2] [--seconds 20] [--connections 50] [--before DIR] [--bot-setting K=V]…
//   dotnet run -c Release --project benchmarks/IrBot.Benchmarks -- ack [--rate 100] [--seconds 20]
//   ack: /irbot incident, task clicks and events at 100/s while the incidents open in the background; see Load/AckLatencyRun.cs.
//   dotnet run -c Release --project benchmarks/IrBot.Benchmarks -- fanout [--tasks 5000] [--incidents 200] [--assignees 50] [--bot-dll PATH] [--bot-setting K=V]…
//   fanout: one reminder period against a Slack stand-in that enforces Slack's rate limits; see Load/FanOutRun.cs.
//   dotnet run -c Release --project benchmarks/IrBot.Benchmarks -- publish [--runs 3]
//   publish: the TimelinePublish job on 5,000 notes into a 1,000-row page, Confluence's stand-in its own process; see Publish/PublishRun.cs.
//   load: /note from 50 connections against the store-first floor and IR Bot (Release, own processes), alternated; see Load/NoteLoadRun.cs.
// "note": signed /note requests at a fixed rate (open loop: a slow answer does not slow the sender), p50/p99 latency,
//         notes stored against notes sent. "merge": CPU time to merge 5,000 new notes into a page with 1,000 rows.
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
string? Option(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
List<string> BotSettings() => args.Select((a, i) => (a, i)).Where(x => x.a == "--bot-setting").Select(x => args[x.i + 1]).ToList();
var rate = int.Parse(Option("rate") ?? "500", CultureInfo.InvariantCulture);
var seconds = int.Parse(Option("seconds") ?? "20", CultureInfo.InvariantCulture);

if (mode == "floor")
{
    // A child of "load": the store-first floor as its own process.
    await StoreFirstFloor.RunAsync(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")!, Option("connection")!, Option("signing-secret")!, int.Parse(Option("incident")!, CultureInfo.InvariantCulture));
    return;
}

if (mode == ConfluenceStandIn.Mode)
{
    // A child of "publish": Confluence's stand-in as its own process.
    await ConfluenceStandIn.ServeAsync(int.Parse(Option("pages")!, CultureInfo.InvariantCulture));
    return;
}

if (mode == "publish")
{
    await PublishRun.RunAsync(int.Parse(Option("runs") ?? "3", CultureInfo.InvariantCulture));
    return;
}

if (mode == "load")
{
    await NoteLoadRun.RunAsync(
        int.Parse(Option("rounds") ?? "2", CultureInfo.InvariantCulture), seconds, int.Parse(Option("connections") ?? "50", CultureInfo.InvariantCulture), Option("before"), BotSettings(), args.Contains("--prepared-floor"));
    return;
}

if (mode == "ack")
{
    await AckLatencyRun.RunAsync(rate == 500 ? 100 : rate, seconds, BotSettings());
    return;
}

if (mode == "fanout")
{
    await FanOutRun.RunAsync(
        int.Parse(Option("tasks") ?? "5000", CultureInfo.InvariantCulture),
        int.Parse(Option("incidents") ?? "200", CultureInfo.InvariantCulture),
        int.Parse(Option("assignees") ?? "50", CultureInfo.InvariantCulture),
        Option("bot-dll"),
        BotSettings());
    return;
}

if (mode is "merge" or "all")
{
    MergeBenchmark.Run();
}

if (mode is "stats" or "all")
{
    await StatisticsBenchmark.RunAsync();
}

if (mode is "note" or "all")
{
    await NoteBenchmark.RunAsync(rate, seconds, Option("url"), Option("signing-secret"), Option("channel"), Option("user"), args.Contains("--request-log"));
}

internal static class MergeBenchmark
{
    public static void Run()
    {
        var body = TimelinePage.Body();
        var rows = Enumerable.Range(1, 5000)
            .Select(i => new TimelineRow(TimelineMerge.KeyOf(i), TimelinePage.NoteTime(i), "Alice Example (SOC)", TimelinePage.NoteText(i)))
            .Reverse()
            .ToList();

        TimelineMerge.Merge(body, rows.Take(10).ToList(), []); // warm up (JIT)
        var results = new List<(double Cpu, double Wall, int Length)>();
        for (var run = 0; run < 3; run++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var merged = TimelineMerge.Merge(body, rows, []);
            watch.Stop();
            process.Refresh();
            results.Add(((process.TotalProcessorTime - cpuBefore).TotalSeconds, watch.Elapsed.TotalSeconds, merged.Length));
        }

        Console.WriteLine($"merge: 5,000 new notes into a page of 1,000 rows ({body.Length:N0} chars -> {results[0].Length:N0} chars)");
        foreach (var (cpu, wall, _) in results)
        {
            Console.WriteLine($"  run: CPU {cpu:F2} s, wall {wall:F2} s");
        }

        Console.WriteLine($"  best CPU {results.Min(r => r.Cpu):F2} s (target < 2 s)");
    }
}

internal static class NoteBenchmark
{
    private const string Channel = "CBENCH0001";

    public static async Task RunAsync(int rate, int seconds, string? url, string? secret, string? channel, string? user, bool requestLog)
    {
        IrBotApp? app = null;
        if (url is null)
        {
            // WebApplicationFactory finds the app's content root from the test project's manifest; tell it here.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IRBOT", Path.Combine(RepositoryRoot(), "src", "IrBot"));
            app = await IrBotApp.StartAsync(new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
                ["Serilog:MinimumLevel:Override:" + RequestLogMiddleware.SourceContext] = requestLog ? "Information" : "Warning",
            });
            await using (var db = app.Db())
            {
                db.Incidents.Add(new Incident
                {
                    Number = 1, Title = "Benchmark", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember,
                    OpenedAt = DateTime.UtcNow, ChannelId = Channel, ChannelName = "ir-bench",
                });
                await db.SaveChangesAsync();
            }

            url = app.Client.BaseAddress!.ToString();
            secret = IrBotApp.SigningSecret;
            channel = Channel;
            user = IrBotApp.IrMember;
        }

        if (secret is null || channel is null || user is null)
        {
            Console.Error.WriteLine("With --url, also give --signing-secret, --channel (an incident channel) and --user (an IR team member).");
            return;
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Warm up (JIT tiers, connection pool, EF model), 50 at a time so the warm-up itself does not queue.
        for (var batch = 0; batch < 40; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SendAsync(http, secret, channel, user, $"warm-up {batch}-{i}")));
        }

        var total = rate * seconds;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var latencies = new double[total];
        var failures = 0;
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(http, secret, channel, user, $"benchmark note {index}");
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        var sendSeconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(tasks);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
        Console.WriteLine($"/note: {total:N0} signed requests at {rate}/s over {sendSeconds:F1} s against {url}");
        Console.WriteLine($"  latency p50 {Percentile(50):F1} ms, p90 {Percentile(90):F1} ms, p99 {Percentile(99):F1} ms, max {latencies[^1]:F1} ms");
        Console.WriteLine($"  failed answers: {failures}");
        Console.WriteLine($"  CPU of this process (sender{(app is null ? string.Empty : " and IR Bot")}, not PostgreSQL): {cpu.TotalSeconds:F1} s, {cpu.TotalMilliseconds / total:F2} ms per request; machine load average {LoadAverage()}");

        if (app is not null)
        {
            await using var db = app.Db();
            var stored = await db.TimelineNotes.CountAsync(n => n.Text.StartsWith("benchmark note "));
            Console.WriteLine($"  notes stored {stored:N0} of {total:N0} sent ({total - stored} lost)");
            await app.DisposeAsync();
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IrBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("IrBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<bool> SendAsync(HttpClient http, string secret, string channel, string user, string text)
    {
        var body = string.Join('&', new Dictionary<string, string>
        {
            ["token"] = "unused", ["team_id"] = "T111", ["team_domain"] = "example", ["channel_id"] = channel, ["channel_name"] = "ir-bench",
            ["user_id"] = user, ["user_name"] = "bench", ["command"] = "/note", ["text"] = text,
            ["api_app_id"] = "A111", ["response_url"] = "https://hooks.slack.com/commands/T111/1/x", ["trigger_id"] = "1.2.3",
        }.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(secret, timestamp, bytes));
        try
        {
            using var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && answer.Contains("Noted as note", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
