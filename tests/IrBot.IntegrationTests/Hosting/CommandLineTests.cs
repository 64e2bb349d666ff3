using System.Net;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Hosting;

/// <summary>The real process's command line, as an operator or a container runs it.</summary>
public sealed class CommandLineTests
{
    // Nothing listens there: these tests stop before the database is touched.
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Database=irbot;Username=irbot;Password=hunter2;Timeout=3";

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
        Assert.Contains("check-config", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot reach the database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_prints_the_usage_and_exits_2_instead_of_serving()
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, "migrat");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command 'migrat'.", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot reach the database", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IrBot:AdminChannelId", "#ir-admin", "IrBot:AdminChannelId must be a Slack channel id")]
    [InlineData("Schedules:TimelinePublish", "every five minutes", "Schedules:TimelinePublish must be a positive period (hh:mm:ss) or a Quartz cron expression")]
    [InlineData("Jira:BaseUrl", "jira.example.com", "Jira:BaseUrl must be an absolute URL.")]
    [InlineData("Confluence:SiteUrl", "example.atlassian.net", "Confluence:SiteUrl must be an absolute URL")]
    [InlineData("Work:Concurrency", "many", "'Work:Concurrency'")]
    [InlineData("Serilog:MinimumLevel:Override:Quartz", "Loud", "Serilog:MinimumLevel:Override:Quartz is 'Loud'")]
    [InlineData("Serilog:WriteTo:0:Name", "File", "Serilog:WriteTo is not a setting IR Bot reads")]
    public async Task A_bad_setting_stops_the_service_with_one_line_naming_it_and_exit_code_2(string setting, string value, string expected)
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, new Dictionary<string, string?> { [setting] = value });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith("IR Bot cannot start: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_with_a_bad_setting_exits_2_before_touching_the_database()
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, new Dictionary<string, string?> { ["IrTeam:UserGroupId"] = "ir-team" }, "migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("IrTeam:UserGroupId", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot reach the database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_prints_one_line_per_problem_and_exits_2()
    {
        using var slack = FakeSlack.Start();
        var settings = new Dictionary<string, string?> { ["IrBot:AdminChannelId"] = "#ir-admin", ["Jira:BaseUrl"] = "jira.example.com" };

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, settings, "check-config");

        Assert.Equal(2, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("IrBot:AdminChannelId must be a Slack channel id", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Jira:BaseUrl must be an absolute URL.", StringComparison.Ordinal));
        Assert.DoesNotContain("Cannot reach the database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_says_ok_and_exits_0_when_every_setting_is_fine()
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(NoDatabase, slack, "check-config");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Configuration OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_passes_aspnet_options_such_as_urls_on_to_the_host()
    {
        using var slack = FakeSlack.Start();
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

        using var app = await IrBotProcess.StartAsync(database, slack, new Dictionary<string, string?>(), urlsOnCommandLine: true);

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
    }
}
