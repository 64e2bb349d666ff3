using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

/// <summary>
/// "publish": the timeline publish of an incident with 5,000 unpublished notes into a page with 1,000 hand rows, the
/// way IR Bot does it: its <c>TimelinePublish</c> Quartz job, triggered in IR Bot running in this process (Kestrel,
/// PostgreSQL, the Slack stand-in for the authors' names), through its real Confluence client (Refit, resilience
/// pipeline) against <see cref="ConfluenceStandIn"/> in its own process. Each run has a fresh incident with fresh
/// notes and a fresh page; a first run, not counted, warms up JIT, pools and the user cache.
/// </summary>
internal static class PublishRun
{
    private const int Notes = 5000;

    private static readonly string[] Phases = ["timeline load notes", "confluence get page", "confluence merge", "confluence put page", "timeline mark published"];
    private static readonly string[] Authors = [IrBotApp.IrMember, IrBotApp.IrMember2, "UAUTHOR003", "UAUTHOR004", "UAUTHOR005"];

    public static async Task RunAsync(int runs)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IRBOT", Path.Combine(NoteBenchmark.RepositoryRoot(), "src", "IrBot"));
        await using var standIn = await ConfluenceStandIn.StartAsync(runs + 1);
        using var clock = new PhaseClock();
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Confluence:BaseUrl"] = standIn.BaseUrl,
            ["Confluence:Email"] = FakeConfluence.Email,
            ["Confluence:ApiToken"] = FakeConfluence.ApiToken,
            ["Confluence:SpaceKey"] = FakeConfluence.SpaceKey,
            ["Confluence:ParentPageId"] = FakeConfluence.ParentPageId,
            // Nothing else wakes up during a run: the queue is empty and polled rarely.
            ["Work:PollSeconds"] = "30",
        });
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        using var http = new HttpClient { BaseAddress = new Uri(standIn.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeConfluence.Email}:{FakeConfluence.ApiToken}")));

        Console.WriteLine($"publish: {Notes:N0} unpublished notes of one incident into a page with 1,000 hand rows ({TimelinePage.Body().Length:N0} chars), " +
            $"the TimelinePublish job of IR Bot in this process, Confluence stand-in in process {standIn.BaseUrl}; {runs} run(s) after a warm-up");
        var results = new List<(TimeSpan Cpu, TimeSpan Wall, Dictionary<string, (TimeSpan Cpu, TimeSpan Wall)> Phases, TimeSpan StandInCpu)>();
        for (var run = 0; run <= runs; run++)
        {
            var incidentId = await SeedAsync(app, run);
            var published = clock.NextPublish();
            var standInBefore = standIn.CpuTime;
            await scheduler.TriggerJob(new JobKey("TimelinePublish", "irbot"));
            await published.WaitAsync(TimeSpan.FromMinutes(3));
            var standInCpu = standIn.CpuTime - standInBefore;
            var phases = clock.Phases.ToDictionary(p => p.Key, p => (p.Value.Cpu, p.Value.Wall), StringComparer.Ordinal);
            await CheckAsync(app, http, incidentId, run);
            var (cpu, wall) = phases[PhaseClock.Root];
            var label = run == 0 ? "warm-up" : $"run {run}";
            Console.WriteLine($"  {label,-7}: CPU {cpu.TotalSeconds:F2} s, wall {wall.TotalSeconds:F2} s | " +
                string.Join(" | ", Phases.Select(p => phases.TryGetValue(p, out var f) ? $"{Short(p)} {f.Cpu.TotalSeconds:F2}/{f.Wall.TotalSeconds:F2}" : $"{Short(p)} -")) +
                $" | other {(cpu - TimeSpan.FromTicks(Phases.Sum(p => phases.GetValueOrDefault(p).Cpu.Ticks))).TotalSeconds:F2} (CPU/wall s); stand-in CPU {standInCpu.TotalSeconds:F2} s; load {NoteBenchmark.LoadAverage()}");
            if (run > 0)
            {
                results.Add((cpu, wall, phases, standInCpu));
            }
        }

        var sorted = results.OrderBy(r => r.Cpu).ToList();
        var median = sorted[sorted.Count / 2];
        Console.WriteLine($"  best CPU {sorted[0].Cpu.TotalSeconds:F2} s (wall {sorted[0].Wall.TotalSeconds:F2} s), median CPU {median.Cpu.TotalSeconds:F2} s (wall {median.Wall.TotalSeconds:F2} s): " +
            (median.Cpu < TimeSpan.FromSeconds(1) ? "goal (< 1 s CPU) met" : "goal (< 1 s CPU) NOT met"));
        Console.WriteLine("  median per phase (CPU/wall s): " + string.Join(", ", Phases.Select(p =>
        {
            var cpus = results.Select(r => r.Phases.GetValueOrDefault(p).Cpu).Order().ToList();
            var walls = results.Select(r => r.Phases.GetValueOrDefault(p).Wall).Order().ToList();
            return $"{Short(p)} {cpus[cpus.Count / 2].TotalSeconds:F2}/{walls[walls.Count / 2].TotalSeconds:F2}";
        })));
        Console.WriteLine("  CPU is this process's (IR Bot's publish, all threads); PostgreSQL and the stand-in are other processes.");
    }

    private static string Short(string phase) => phase.Replace("timeline ", string.Empty, StringComparison.Ordinal).Replace("confluence ", string.Empty, StringComparison.Ordinal);

    /// <summary>An incident on its own fresh page, with 5,000 notes from five people, none published.</summary>
    private static async Task<int> SeedAsync(IrBotApp app, int run)
    {
        await using var db = app.Db();
        var now = DateTime.UtcNow;
        var incident = new Incident
        {
            Number = 1000 + run, Title = "Publish benchmark " + run.ToString(CultureInfo.InvariantCulture), Status = IncidentStatus.Active,
            RequestedBy = IrBotApp.IrMember, OpenedAt = now, ChannelId = "CPUBLISH" + run.ToString("D2", CultureInfo.InvariantCulture),
            ChannelName = "ir-publish-" + run.ToString(CultureInfo.InvariantCulture), ConfluencePageId = ConfluenceStandIn.PageId(run),
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        for (var i = 1; i <= Notes; i++)
        {
            db.TimelineNotes.Add(new TimelineNote
            {
                IncidentId = incident.Id, AuthorId = Authors[i % Authors.Length],
                Text = i % 25 == 0 ? $"{TimelinePage.NoteText(i)} cc <@{IrBotApp.IrMember2}>" : TimelinePage.NoteText(i),
                OccurredAt = TimelinePage.NoteTime(i), CreatedAt = now, UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>Every note reached the page, every hand row stayed, every note is marked published.</summary>
    private static async Task CheckAsync(IrBotApp app, HttpClient http, int incidentId, int run)
    {
        await using var db = app.Db();
        var pending = await db.TimelineNotes.CountAsync(n => n.IncidentId == incidentId && (n.PublishedAt == null || n.PublishedAt < n.UpdatedAt));
        var answer = JsonNode.Parse(await http.GetStringAsync($"wiki/api/v2/pages/{ConfluenceStandIn.PageId(run)}?body-format=storage"))!;
        var page = (string)answer["body"]!["storage"]!["value"]!;
        var rows = Count(page, "ac:name=\"\">tl-");
        var hand = Count(page, "Hand row ");
        if (pending != 0 || rows != Notes || hand != 1000)
        {
            throw new InvalidOperationException($"Run {run}: {pending} notes still pending, {rows} bot rows and {hand} hand rows on the page");
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
