using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.IntegrationTests.Incidents;
using IrBot.IntegrationTests.Tasks;
using IrBot.Tasks;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace IrBot.IntegrationTests.Chaos;

/// <summary>
/// A seeded random run of commands, clicks and events while every vendor fails at random and IR Bot is killed
/// twice; after a quiet period every incident, task, note and membership event is in its final state in every
/// system, exactly once. The seed is printed; <c>IRBOT_CHAOS_SEED</c> replays it.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Steps = 60;
    private const double FailureProbability = 0.15;

    // CI runs one fixed seed so a red run is a regression, not a new roll of the dice. Explore with
    // IRBOT_CHAOS_SEED=random (or any number); a seed that finds a bug becomes a focused regression test.
    private const int DefaultSeed = 20261130;

    private static int Seed(string? setting) =>
        string.Equals(setting, "random", StringComparison.OrdinalIgnoreCase) ? Random.Shared.Next(1, 1_000_000)
        : int.TryParse(setting, CultureInfo.InvariantCulture, out var seed) ? seed
        : DefaultSeed;

    [Fact]
    public async Task A_random_run_through_vendor_failures_and_two_kills_leaves_every_incident_task_note_and_membership_done_exactly_once()
    {
        var seed = Seed(Environment.GetEnvironmentVariable("IRBOT_CHAOS_SEED"));
        Say($"Chaos seed {seed} (replay: IRBOT_CHAOS_SEED={seed})");
        var clock = Stopwatch.StartNew();
        await using var world = await ChaosWorld.StartAsync(seed);
        Say($"IR Bot answering after {clock.ElapsedMilliseconds} ms");
        var run = new ChaosRun(world, new Random(seed), Say);

        world.Injector.Probability = FailureProbability;
        var kills = run.KillPoints(Steps);
        for (var step = 0; step < Steps; step++)
        {
            if (kills.Contains(step))
            {
                var down = Stopwatch.StartNew();
                await world.KillAndRestartAsync();
                Say($"step {step}: kill -9 and restart ({down.ElapsedMilliseconds} ms until it answers again)");
            }

            await run.StepAsync(step, Steps);
        }

        var busy = clock.Elapsed;
        world.Injector.Probability = 0;
        Say($"Quiet from {busy.TotalSeconds:F1} s; injected: {world.Injector}");
        await run.WaitForQuietAsync(TimeSpan.FromSeconds(120));
        Say($"Settled after {clock.Elapsed.TotalSeconds:F1} s");

        await run.AssertFinalStateAsync();
        Say($"Chaos run with seed {seed}: {Steps} steps, {run.Summary}, wall time {clock.Elapsed.TotalSeconds:F1} s");
    }

    private void Say(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
