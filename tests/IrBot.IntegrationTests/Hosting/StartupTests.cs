using System.Net;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Hosting;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Slack:SigningSecret")]
    [InlineData("Slack:BotToken")]
    public async Task A_missing_secret_stops_the_service_with_the_setting_named(string setting)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => IrBotApp.StartAsync(new Dictionary<string, string?> { [setting] = string.Empty }));

        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_work_setting_out_of_range_stops_the_service_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => IrBotApp.StartAsync(new Dictionary<string, string?> { ["Work:Concurrency"] = "0" }));

        Assert.Contains("Work:Concurrency must be between 1 and 32.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_admin_channel_stops_the_service_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => IrBotApp.StartAsync(new Dictionary<string, string?> { ["IrBot:AdminChannelId"] = "#ir-admin" }));

        Assert.Contains("IrBot:AdminChannelId", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer_when_the_database_is_reachable()
    {
        await using var app = await IrBotApp.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready")).StatusCode);
    }
}

public sealed class ResilienceSettingsStartupTests
{
    [Fact]
    public async Task A_resilience_setting_out_of_range_stops_the_service_with_the_setting_named()
    {
        using var confluence = FakeConfluence.Start();
        var settings = new Dictionary<string, string?>(confluence.Settings()) { ["Resilience:Confluence:MaxRetries"] = "-1" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => IrBotApp.StartAsync(settings));

        Assert.Contains("Resilience:Confluence:MaxRetries must be between 0 and 20.", error.ToString(), StringComparison.Ordinal);
    }
}
