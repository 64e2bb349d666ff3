using System.Net;
using System.Text.Json.Nodes;
using IrBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace IrBot.IntegrationTests.Hosting;

/// <summary>Ready means "can serve": migrated database, a token Slack accepts, integrations configured; else 503 saying why.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_never_migrated_database_is_not_ready_and_the_answer_and_the_log_say_to_run_migrate()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var logs = new CapturedLogs();
        await using var app = await IrBotApp.StartAsync(
            new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" },
            connectionString: database,
            services: s => s.AddSingleton<ILogEventSink>(logs));

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)body["status"]);
        Assert.Contains("dotnet IrBot.dll migrate", Reason(body, "database"), StringComparison.Ordinal);
        Assert.Contains(logs.Events, e => e.Contains("not migrated", StringComparison.Ordinal) && e.Contains("dotnet IrBot.dll migrate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_an_older_build_migrated_is_not_ready_until_the_missing_migration_is_applied()
    {
        var database = await (await PostgresServer.GetAsync()).CreateMigratedDatabaseAsync();
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" }, connectionString: database);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(app)).Status);

        // As if the newest migration came with this build: the history table lacks it.
        await using (var connection = new Npgsql.NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var forget = new Npgsql.NpgsqlCommand(
                "DELETE FROM __ef_migrations_history WHERE migration_id = (SELECT max(migration_id) FROM __ef_migrations_history)", connection);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("1 migration(s) pending", Reason(body, "database"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_token_Slack_rejects_is_not_ready_and_names_Slack_BotToken()
    {
        using var slack = FakeSlack.Start();
        slack.Override("auth.test", 200, new { ok = false, error = "invalid_auth" });
        var logs = new CapturedLogs();
        await using var app = await IrBotApp.StartAsync(slack: slack, services: s => s.AddSingleton<ILogEventSink>(logs));

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("Slack:BotToken", Reason(body, "slack"), StringComparison.Ordinal);
        Assert.Contains("invalid_auth", Reason(body, "slack"), StringComparison.Ordinal);
        Assert.Contains(logs.Events, e => e.Contains("Slack rejected Slack:BotToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_migrated_database_an_accepted_token_and_configured_integrations_are_ready()
    {
        await using var env = await IncidentIntegrations.StartAsync();

        var (status, body) = await ReadyAsync(env.App);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Contains("Confluence", Reason(body, "integrations"), StringComparison.Ordinal);
        Assert.Contains(IrBotApp.BotUserId, Reason(body, "slack"), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(IrBotApp app)
    {
        var response = await app.Client.GetAsync("/health/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string Reason(JsonNode body, string check) =>
        (string?)body["checks"]!.AsArray().Single(c => (string?)c!["name"] == check)!["reason"] ?? string.Empty;
}

/// <summary>The start-up and <c>migrate</c> logs of the real process, as an operator reads them.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task An_unreachable_database_at_start_is_one_fatal_line_naming_the_setting_and_the_host()
    {
        using var slack = FakeSlack.Start();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync("Host=127.0.0.1;Port=1;Database=irbot;Username=irbot;Password=hunter2;Timeout=3", slack);

        Assert.Equal(1, exitCode);
        var fatal = Assert.Single(output.Split('\n'), l => l.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal));
        Assert.Contains("ConnectionStrings:IrBot", fatal, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("OperationCanceledException", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_migrate_of_an_empty_database_logs_no_error()
    {
        using var slack = FakeSlack.Start();
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

        var (exitCode, output) = await IrBotProcess.RunToExitAsync(database, slack, "migrate");

        Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{output}");
        Assert.Contains("Migrations applied", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"@l\":\"Error\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"@l\":\"Fatal\"", output, StringComparison.Ordinal);
    }
}
