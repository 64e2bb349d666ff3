using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Hosting;

/// <summary><c>IrBot check-config --probe</c> as an operator runs it: a real process against Slack's and each integration's stand-in.</summary>
public sealed class CheckConfigProbeTests
{
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Database=irbot;Username=irbot;Password=hunter2;Timeout=3";

    [Fact]
    public async Task Probe_says_ok_for_slack_and_each_integration_that_is_on_and_does_not_call_sumo()
    {
        using var slack = FakeSlack.Start();
        using var confluence = FakeConfluence.Start();
        using var jira = FakeJira.Start();
        using var theHive = FakeTheHive.Start();
        var settings = confluence.Settings().Concat(jira.Settings()).Concat(theHive.Settings()).ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["SumoLogic:CollectorUrl"] = "https://collectors.example.invalid/receiver/v1/http/secret";

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, settings, "check-config", "--probe");

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Configuration OK", lines);
        Assert.Contains($"Slack: ok (bot user {IrBotApp.BotUserId})", lines);
        Assert.Single(lines, l => l.StartsWith("Confluence: ok", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Jira: ok", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("TheHive: ok", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Sumo Logic: not probed", StringComparison.Ordinal));
        Assert.Equal(["auth.test"], slack.Methods());
        // Read-only: nothing was created anywhere.
        Assert.Empty(confluence.Pages);
        Assert.Empty(jira.Issues);
        Assert.Equal(0, theHive.Count("POST", "/api/v1/case"));
    }

    [Fact]
    public async Task Probe_names_each_system_that_refuses_and_exits_1()
    {
        using var slack = FakeSlack.Start();
        using var theHive = FakeTheHive.Start();
        slack.FailNext("auth.test", "invalid_auth");
        var settings = theHive.Settings();
        settings["TheHive:ApiKey"] = "not-the-key";

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, settings, "check-config", "--probe");

        Assert.True(exitCode == 1, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines, l => l.StartsWith("Slack: FAILED:", StringComparison.Ordinal) && l.Contains("invalid_auth", StringComparison.Ordinal));
        Assert.Contains("TheHive: FAILED: HTTP 401 Unauthorized", lines);
        Assert.DoesNotContain("not-the-key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_probe_check_config_calls_nothing()
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, "check-config");

        Assert.True(exitCode == 0, output);
        Assert.Empty(slack.Methods());
    }
}
