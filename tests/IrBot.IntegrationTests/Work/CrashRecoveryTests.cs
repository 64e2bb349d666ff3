using System.Diagnostics;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IrBot.IntegrationTests.Work;

/// <summary>
/// A job interrupted by a crash resumes in seconds when the process comes back under its instance id; a
/// graceful stop hands the job back at once; two replicas never run one job twice.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_process_killed_mid_job_and_restarted_under_its_instance_id_resumes_the_job_within_10_seconds()
    {
        using var slack = FakeSlack.Start();
        var database = await (await PostgresServer.GetAsync()).CreateMigratedDatabaseAsync();
        // The production poll, and a lease as long as the old default: only taking the job back can explain a
        // quick resume, not the lease running out.
        var settings = new Dictionary<string, string?> { ["Work:InstanceId"] = "irbot-0", ["Work:LeaseSeconds"] = "120", ["Work:PollSeconds"] = "5" };
        slack.Override("conversations.invite", 200, new { ok = true }, delay: TimeSpan.FromSeconds(60));

        string killedOwner;
        using (var first = await IrBotProcess.StartAsync(database, slack, settings))
        {
            await first.SendCommandAsync("incident Killed while inviting", slack);
            await IrBotApp.WaitUntilAsync(async () => await OwnerAsync(database) is not null && await ChannelMadeAsync(database), "the invites are under way", TimeSpan.FromSeconds(60));
            killedOwner = (await OwnerAsync(database))!;
            first.Kill();
        }

        var clock = Stopwatch.StartNew();
        slack.ResetOverrides();
        using var second = await IrBotProcess.StartAsync(database, slack, settings);
        var up = clock.Elapsed;
        await IrBotApp.WaitUntilAsync(
            async () => await OwnerAsync(database) is { } owner && owner != killedOwner || await DoneAsync(database),
            "the restarted process takes the job back",
            TimeSpan.FromSeconds(60));
        var resumed = clock.Elapsed;
        await IrBotApp.WaitUntilAsync(async () => await DoneAsync(database), "the restarted process finishes the opening", TimeSpan.FromSeconds(60));
        var finished = clock.Elapsed;

        var line = $"Recovery after kill -9 (restarted at once, same Work:InstanceId): process answering after {up.TotalSeconds:F1} s, "
            + $"job resumed after {resumed.TotalSeconds:F1} s ({(resumed - up).TotalSeconds:F1} s after start-up), finished after {finished.TotalSeconds:F1} s; lease 120 s";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(resumed - up <= TimeSpan.FromSeconds(10) && resumed < TimeSpan.FromSeconds(60), line + "\n" + second.Output);
        Assert.StartsWith("irbot-0#", killedOwner, StringComparison.Ordinal);
        Assert.Single(slack.Calls("conversations.create"));
        Assert.Single(slack.Calls("conversations.setTopic"));
    }

    [Fact]
    public async Task A_graceful_stop_hands_the_job_back_so_another_replica_resumes_it_at_once()
    {
        using var slack = FakeSlack.Start();
        var longLease = new Dictionary<string, string?> { ["Work:LeaseSeconds"] = "120" };
        var first = await IrBotApp.StartAsync(longLease, slack: slack);
        slack.Override("conversations.invite", 200, new { ok = true }, delay: TimeSpan.FromSeconds(60));
        await first.SendCommandAsync("incident Stopped while inviting");
        await IrBotApp.WaitUntilAsync(
            async () => await LockedByAsync(first, first.InstanceId) && await ChannelMadeAsync(first.ConnectionString),
            "the first replica holds the job and is inviting");
        await Task.Delay(300);
        await first.DisposeAsync();
        slack.ResetOverrides();

        var stopped = Stopwatch.StartNew();
        await using var second = await IrBotApp.StartAsync(longLease, connectionString: first.ConnectionString, slack: slack);
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = second.Db();
                return await db.Incidents.AnyAsync(i => i.Status == IncidentStatus.Active);
            },
            "the other replica finishes the opening long before the 120 s lease would run out",
            TimeSpan.FromSeconds(30));
        output.WriteLine($"Resumed by another replica {stopped.Elapsed.TotalSeconds:F1} s after a graceful stop");
        Assert.Single(slack.Calls("conversations.create"));
    }

    [Fact]
    public async Task Two_replicas_on_one_database_run_each_job_exactly_once()
    {
        using var slack = FakeSlack.Start();
        // Invites slower than the 2 s test lease: each job's lease must be renewed while it runs.
        slack.Override("conversations.invite", 200, new { ok = true }, delay: TimeSpan.FromSeconds(3));
        await using var a = await IrBotApp.StartAsync(slack: slack);
        await using var b = await IrBotApp.StartAsync(connectionString: a.ConnectionString, slack: slack);

        await a.SendCommandAsync("incident One");
        await b.SendCommandAsync("incident Two");
        await a.SendCommandAsync("incident Three");
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = a.Db();
                return await db.Incidents.CountAsync(i => i.Status == IncidentStatus.Active) == 3;
            },
            "three incidents are open",
            TimeSpan.FromSeconds(60));
        await a.WaitForIdleAsync();

        await using var check = a.Db();
        var incidents = await check.Incidents.AsNoTracking().ToListAsync();
        // Three openings at once may try a taken channel name first; what counts is one channel, topic and post each.
        Assert.Equal(3, incidents.Select(i => i.ChannelId).Distinct().Count());
        Assert.Equal(3, slack.Calls("conversations.setTopic").Count);
        Assert.All(incidents, i => Assert.Single(slack.PostedTo(i.ChannelId!)));
        Assert.All(await check.WorkItems.AsNoTracking().ToListAsync(), w => Assert.Equal(0, w.Attempts));
    }

    [Fact]
    public async Task A_second_live_process_with_the_same_instance_id_is_refused_and_takes_nothing_back()
    {
        using var slack = FakeSlack.Start();
        var same = new Dictionary<string, string?> { ["Work:InstanceId"] = "irbot-twin", ["Work:LeaseSeconds"] = "120" };
        await using var a = await IrBotApp.StartAsync(same, slack: slack);
        slack.Override("conversations.invite", 200, new { ok = true }, delay: TimeSpan.FromSeconds(60));
        await a.SendCommandAsync("incident Held by the first");
        await IrBotApp.WaitUntilAsync(async () => await LockedByAsync(a, "irbot-twin"), "the first process holds the job");

        await using var b = await IrBotApp.StartAsync(same, connectionString: a.ConnectionString, slack: slack);
        var twin = b.Services.GetRequiredService<WorkInstances>();
        await IrBotApp.WaitUntilAsync(() => twin.Id != "irbot-twin", "the second process gives up the shared id", TimeSpan.FromSeconds(15));

        await Task.Delay(1500);
        Assert.True(await LockedByAsync(a, a.Services.GetRequiredService<WorkInstances>().Owner), "the first process still holds its job");
        Assert.Single(slack.Calls("conversations.create"));
    }

    private static async Task<bool> LockedByAsync(IrBotApp app, string owner)
    {
        await using var db = app.Db();
        return await db.WorkItems.AnyAsync(w => w.Kind == "incidents.open-incident" && w.LockedBy != null && w.LockedBy.StartsWith(owner));
    }

    private static async Task<string?> OwnerAsync(string database)
    {
        await using var db = Db(database);
        return await db.WorkItems.Where(w => w.Kind == "incidents.open-incident").Select(w => w.LockedBy).SingleOrDefaultAsync();
    }

    private static async Task<bool> ChannelMadeAsync(string database)
    {
        await using var db = Db(database);
        return await db.Incidents.AnyAsync(i => i.ChannelId != null);
    }

    private static async Task<bool> DoneAsync(string database)
    {
        await using var db = Db(database);
        return await db.Incidents.AnyAsync(i => i.Status == IncidentStatus.Active);
    }

    private static PostgresIrBotDbContext Db(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        DataExtensions.ConfigurePostgres(options, connectionString);
        return new PostgresIrBotDbContext(options.Options);
    }
}
