using System.Globalization;
using IrBot.TestSupport;
using Npgsql;

/// <summary>
/// "load": signed <c>/note</c> requests from 50 connections for 20 s (wrk's model) against the store-first floor and
/// IR Bot's Release build, each its own process, one after the other and again (floor, bot, floor, bot) so that the
/// machine's load weighs on both alike, all against one PostgreSQL with fsync on. With <c>--before DIR</c> a second
/// IR Bot build (e.g. main's) joins the rotation. Each run gets a fresh copy of the migrated database.
/// </summary>
internal static class NoteLoadRun
{
    private const string Channel = "CBENCH0001";

    public sealed record Target(string Name, string Dll, bool IsFloor, IReadOnlyDictionary<string, string?> Environment);

    public sealed record Figures(string Target, int Round, ClosedLoopLoad.Result Load, double CpuMsPerNote, double RssMb, double PeakRssMb, long Stored, long Lines, string LoadAverage, double TieringShare)
    {
        public long Lost => Math.Max(0, Load.Ok - Stored);
    }

    /// <summary>The issue's floor: statements sent unprepared, as <c>NpgsqlDataSource.Create</c> does by default.</summary>
    public const string Floor = "floor";

    /// <summary>The same floor with Npgsql preparing its insert, as IR Bot's <c>DirectConnections</c> does (<c>--prepared-floor</c>).</summary>
    public const string PreparedFloor = "floor, prepared";

    public static async Task RunAsync(int rounds, int seconds, int connections, string? beforeDir, IReadOnlyList<string> botSettings, bool preparedFloor = false)
    {
        Environment.SetEnvironmentVariable(PostgresServer.DurableVariable, "1");
        var postgres = await PostgresServer.GetAsync();
        using var slack = FakeSlack.Start();
        var here = AppContext.BaseDirectory;
        var targets = new List<Target> { new(Floor, Path.Combine(here, "IrBot.Benchmarks.dll"), true, new Dictionary<string, string?>()) };
        if (preparedFloor)
        {
            targets.Add(new Target(PreparedFloor, Path.Combine(here, "IrBot.Benchmarks.dll"), true, new Dictionary<string, string?>()));
        }
        if (beforeDir is not null)
        {
            // With the runtime settings of the Dockerfile above that build (its own, from its commit), if there is one.
            var before = Path.GetFullPath(beforeDir);
            targets.Add(new Target("before", Path.Combine(before, "IrBot.dll"), false, BotEnvironment.For(slack, before, "before", botSettings)));
        }

        // This build runs with the runtime settings the Dockerfile gives it (its GC settings); --bot-setting adds to both, and wins.
        targets.Add(new Target("IR Bot", Path.Combine(here, "IrBot.dll"), false, BotEnvironment.For(slack, here, "IR Bot", botSettings)));
        await using (var check = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await check.OpenAsync();
            await using var show = new NpgsqlCommand("SELECT current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')", check);
            Console.WriteLine($"/note load: {connections} connections, {seconds} s per run, {rounds} round(s) of {string.Join(", ", targets.Select(t => t.Name))}; PostgreSQL fsync {await show.ExecuteScalarAsync()}");
        }

        var results = new List<Figures>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var target in targets)
            {
                var figures = await RunOnceAsync(postgres, target, round, seconds, connections);
                results.Add(figures);
                Console.WriteLine(
                    $"  round {round} {target.Name,-15} {figures.Load.RequestsPerSecond,7:N0} req/s  p50 {figures.Load.Percentile(50),6:F1} ms  p99 {figures.Load.Percentile(99),6:F1} ms  " +
                    $"CPU/note {figures.CpuMsPerNote:F3} ms  RSS {figures.RssMb:F0} MB (peak {figures.PeakRssMb:F0})  ok {figures.Load.Ok:N0}  failed {figures.Load.Failed}  lost {figures.Lost}  " +
                    $"log lines {figures.Lines:N0}  JIT tiering {figures.TieringShare:P1} of its CPU  load {figures.LoadAverage}");
            }
        }

        Summarise(results, targets);
    }

    private static async Task<Figures> RunOnceAsync(PostgresServer postgres, Target target, int round, int seconds, int connections)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        int incidentId;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO incidents (number, title, status, requested_by, opened_at, channel_id, channel_name) VALUES (1, 'Benchmark', 'Active', $1, now(), $2, 'ir-bench') RETURNING id",
                connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = IrBotApp.IrMember });
            insert.Parameters.Add(new NpgsqlParameter { Value = Channel });
            incidentId = Convert.ToInt32(await insert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        string[] args = target.IsFloor
            ? ["floor", "--connection", target.Name == PreparedFloor ? IrBot.Data.DirectConnections.AutoPrepared(connectionString) : connectionString, "--signing-secret", IrBotApp.SigningSecret, "--incident", incidentId.ToString(CultureInfo.InvariantCulture)]
            : [];
        var environment = new Dictionary<string, string?>(target.Environment) { ["ConnectionStrings:IrBot"] = connectionString };
        await using var process = await TargetProcess.StartAsync(target.Dll, args, environment);
        var notes = new SignedNotes(IrBotApp.SigningSecret, Channel, IrBotApp.IrMember);
        var expected = target.IsFloor ? StoreFirstFloor.Reply : "Noted as note ";

        // Warm-up at full load until the target is in its steady state (JIT tiers done, pools full); not counted.
        await WarmUpAsync(process, connections, notes, expected, target.Name);
        var cpuBefore = process.CpuTime;
        var tieringBefore = process.SampleTieringCpu();
        var linesBefore = process.Lines;
        using var trace = Trace(target, process, round, seconds);
        var load = await ClosedLoopLoad.RunAsync(process.Url, connections, TimeSpan.FromSeconds(seconds), (w, i) => notes.Create($"load {w}-{i}"), expected);
        var cpu = process.CpuTime - cpuBefore;
        var tiering = process.SampleTieringCpu() - tieringBefore;
        trace?.WaitForExit();
        await Task.Delay(1000);
        var (rss, peak) = process.Rss;
        var lines = process.Lines - linesBefore;
        long stored;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM timeline_notes WHERE \"text\" LIKE 'load %'", connection);
            stored = (long)(await count.ExecuteScalarAsync())!;
        }

        return new Figures(target.Name, round, load, cpu.TotalMilliseconds / Math.Max(1, load.Ok), rss, peak, stored, lines, LoadAverage(), tiering / cpu);
    }

    /// <summary>
    /// Full load in 5 s windows until the JIT has finished taking the target's methods through its tiers: its tiering
    /// thread (".NET Tiered Com…") used under 2 % of two windows in a row, after at least 15 s and at most 180 s. A bigger program has
    /// more methods to tier, and on a busy machine the tiering thread gets less of the CPU; a fixed warm-up would measure
    /// start-up, not the steady state a server lives in. The windows are printed, so the warm-up is there to see.
    /// </summary>
    private static async Task WarmUpAsync(TargetProcess process, int connections, SignedNotes notes, string expected, string name)
    {
        var window = TimeSpan.FromSeconds(5);
        var costs = new List<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tiering = process.SampleTieringCpu();
        var quiet = false;
        while (true)
        {
            var cpuBefore = process.CpuTime;
            var load = await ClosedLoopLoad.RunAsync(process.Url, connections, window, (w, i) => notes.Create($"warm-up {w}-{i}"), expected);
            var now = process.SampleTieringCpu();
            var jit = now - tiering;
            tiering = now;
            costs.Add(string.Create(CultureInfo.InvariantCulture, $"{(process.CpuTime - cpuBefore).TotalMilliseconds / Math.Max(1, load.Ok):F3}/{jit.TotalSeconds:F2}"));
            // Two quiet windows in a row: one alone was sometimes a pause before more methods reached their call count.
            var settled = jit < window * 0.02 && quiet;
            quiet = jit < window * 0.02;
            if ((settled && watch.Elapsed >= TimeSpan.FromSeconds(15)) || watch.Elapsed >= TimeSpan.FromSeconds(180))
            {
                Console.WriteLine($"    {name} warm-up {watch.Elapsed.TotalSeconds:F0} s; per 5 s window, CPU ms per note / JIT tiering s: {string.Join(" ", costs)}{(settled ? string.Empty : " (JIT still tiering)")}");
                return;
            }
        }
    }

    private static void Summarise(List<Figures> results, List<Target> targets)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        // Ratios per round (each against the floor run next to it), then the median of those; against the issue's floor,
        // and against the prepared one when it ran (IR Bot prepares its insert, the issue's floor does not).
        foreach (var floor in targets.Where(t => t.IsFloor).Select(t => t.Name))
        {
            Console.WriteLine();
            Console.WriteLine($"| target | req/s | p99 ms | CPU per note | RSS after (peak) | lost | × {floor} req/s | × {floor} p99 | × {floor} CPU/note |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var target in targets)
            {
                var mine = results.Where(r => r.Target == target.Name).ToList();
                var ratios = mine.Select(r => (Result: r, Floor: results.First(f => f.Target == floor && f.Round == r.Round))).ToList();
                Console.WriteLine(
                    $"| {target.Name} | {Median(mine.Select(r => r.Load.RequestsPerSecond)):N0} | {Median(mine.Select(r => r.Load.Percentile(99))):F1} | " +
                    $"{Median(mine.Select(r => r.CpuMsPerNote)):F3} ms | {mine.Max(r => r.RssMb):F0} MB ({mine.Max(r => r.PeakRssMb):F0}) | {mine.Sum(r => r.Lost)} | " +
                    $"{Median(ratios.Select(r => r.Result.Load.RequestsPerSecond / r.Floor.Load.RequestsPerSecond)):F2} | " +
                    $"{Median(ratios.Select(r => r.Result.Load.Percentile(99) / r.Floor.Load.Percentile(99))):F2} | " +
                    $"{Median(ratios.Select(r => r.Result.CpuMsPerNote / r.Floor.CpuMsPerNote)):F2} |");
            }
        }

        Console.WriteLine("goals: ≥ 0.90× floor req/s, ≤ 1.20× floor p99, ≤ 1.15× floor CPU per note, 0 lost, RSS < 160 MB");
    }

    /// <summary>
    /// With <c>IRBOT_BENCH_TRACE</c> set to dotnet-trace's path (e.g. installed with <c>dotnet tool install dotnet-trace
    /// --tool-path /tmp/tools</c>), IR Bot's measured run is sampled into <c>irbot-{target}-{round}.nettrace</c> (a profile
    /// costs CPU: the figures of a traced run are not comparable).
    /// </summary>
    private static System.Diagnostics.Process? Trace(Target target, TargetProcess process, int round, int seconds)
    {
        var tool = Environment.GetEnvironmentVariable("IRBOT_BENCH_TRACE");
        return tool is null || target.IsFloor
            ? null
            : System.Diagnostics.Process.Start(tool, [
                "collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--format", "Speedscope",
                "--duration", TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture),
                "-o", $"irbot-{target.Name.Replace(' ', '-')}-{round}.nettrace"]);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
