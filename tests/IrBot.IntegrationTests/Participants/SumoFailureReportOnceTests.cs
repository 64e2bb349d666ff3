using IrBot.Integrations;
using IrBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.IntegrationTests.Participants;

/// <summary>
/// Found by the chaos test: the admin channel's report of a Sumo Logic failure was posted again when the report's answer was
/// lost and IR Bot, restarted, met the same failure (the "recently told" memory was only in the process).
/// </summary>
public sealed class SumoFailureReportOnceTests
{
    [Fact]
    public async Task A_failure_report_whose_answer_was_lost_is_not_posted_again_after_a_restart()
    {
        await using var app = await IrBotApp.StartAsync();
        using var injector = FailureInjector.LoseAnswers(app.Slack.Server);
        var failure = new HttpRequestException("connection refused");

        // Each instance is a process's memory of what it told the admins: the second is IR Bot after a restart.
        await ActivatorUtilities.CreateInstance<IntegrationErrors>(app.Services).ReportAsync("Sumo Logic", "send membership events", null, failure);
        await ActivatorUtilities.CreateInstance<IntegrationErrors>(app.Services).ReportAsync("Sumo Logic", "send membership events", null, failure);

        Assert.Single(injector.Injected);
        var report = Assert.Single(app.Slack.Messages(), m => m.Channel == IrBotApp.AdminChannel);
        Assert.Contains("*Sumo Logic*: send membership events failed", (string?)report.Body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_a_slack_blip_while_reading_the_admin_channel_does_not_post_the_report_again()
    {
        await using var app = await IrBotApp.StartAsync();
        var failure = new HttpRequestException("connection refused");
        await ActivatorUtilities.CreateInstance<IntegrationErrors>(app.Services).ReportAsync("Sumo Logic", "send membership events", null, failure);

        // Found by the chaos test: the restarted bot's one read of the channel met a 503 and the report went out again.
        app.Slack.FailNext("conversations.history", "service_unavailable");
        app.Slack.FailNext("conversations.history", "service_unavailable");
        await ActivatorUtilities.CreateInstance<IntegrationErrors>(app.Services).ReportAsync("Sumo Logic", "send membership events", null, failure);

        Assert.Single(app.Slack.Messages(), m => m.Channel == IrBotApp.AdminChannel);
        Assert.Equal(4, app.Slack.Calls("conversations.history").Count);
    }

    [Fact]
    public async Task Another_system_or_operation_is_still_reported_at_once()
    {
        await using var app = await IrBotApp.StartAsync();
        var failure = new HttpRequestException("connection refused");

        await ActivatorUtilities.CreateInstance<IntegrationErrors>(app.Services).ReportAsync("Sumo Logic", "send membership events", null, failure);
        await ActivatorUtilities.CreateInstance<IntegrationErrors>(app.Services).ReportAsync("Jira", "creating the issue for task T1", 3, failure);

        Assert.Equal(2, app.Slack.Messages().Count(m => m.Channel == IrBotApp.AdminChannel));
    }
}
