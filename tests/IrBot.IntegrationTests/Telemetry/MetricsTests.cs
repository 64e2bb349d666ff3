using System.Text.Json.Nodes;
using IrBot.SlackApp;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Telemetry;

/// <summary>What Prometheus sees on /metrics after Slack talked to IR Bot: the README's names, with the counts that happened.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync() => _app = await IrBotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Metrics_count_a_command_an_event_its_job_the_slack_calls_and_a_rate_limit()
    {
        (await _app.SendCommandAsync("help")).EnsureSuccessStatusCode();
        (await _app.SendCommandAsync("no-such-thing")).EnsureSuccessStatusCode();
        _app.Slack.RateLimitNext("views.publish");
        (await _app.SendEventAsync(SlackPayloads.EventEnvelope(HomeOpened(IrBotApp.IrMember), "EvMETRICS01"))).EnsureSuccessStatusCode();
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = _app.Db();
                return await db.WorkItems.AnyAsync(w => w.Kind == SlackEventWork.Kind && w.Status == WorkStatus.Done);
            },
            "the app_home_opened job is done");

        var metrics = await ScrapeAsync();

        Assert.Equal(2, metrics.Value("irbot_slack_requests_total", ("endpoint", "commands"), ("status", "200")));
        Assert.Equal(1, metrics.Value("irbot_slack_requests_total", ("endpoint", "events"), ("status", "200")));
        Assert.Equal(3, metrics.Value("irbot_slack_ack_duration_seconds_count"));
        Assert.Equal(1, metrics.Value("irbot_commands_total", ("command", "help"), ("outcome", "ok")));
        Assert.Equal(1, metrics.Value("irbot_commands_total", ("command", "help"), ("outcome", "unknown")));
        Assert.Equal(1, metrics.Value("irbot_jobs_total", ("kind", SlackEventWork.Kind), ("outcome", "done")));
        Assert.Equal(1, metrics.Value("irbot_job_duration_seconds_count", ("kind", SlackEventWork.Kind), ("outcome", "done")));
        // The first views.publish was refused with 429 and repeated: both attempts are calls.
        Assert.Equal(1, metrics.Value("irbot_slack_rate_limited_total", ("method", "views.publish")));
        Assert.Equal(1, metrics.Value("irbot_external_calls_total", ("system", "slack"), ("status", "429")));
        Assert.True(metrics.Value("irbot_external_calls_total", ("system", "slack"), ("status", "200")) >= 1, metrics.Raw);
        Assert.Equal(0, metrics.Value("irbot_incidents_open"));
        Assert.Equal(0, metrics.Value("irbot_work_queue_depth"));
        Assert.Equal(0, metrics.Value("irbot_work_queue_oldest_age_seconds"));
    }

    [Fact]
    public async Task The_gauges_show_open_incidents_and_a_queue_that_is_behind()
    {
        await using (var db = _app.Db())
        {
            db.Incidents.Add(new IrBot.Incidents.Incident { Number = 7, Title = "Live", Status = IrBot.Incidents.IncidentStatus.Active, RequestedBy = IrBotApp.IrMember, OpenedAt = DateTime.UtcNow, ChannelId = "CLIVE00001" });
            db.Incidents.Add(new IrBot.Incidents.Incident { Number = 8, Title = "Closed", Status = IrBot.Incidents.IncidentStatus.Closed, RequestedBy = IrBotApp.IrMember, OpenedAt = DateTime.UtcNow, ChannelId = "CDONE00001" });
            // Due for ten minutes and held by a lease of another instance, so this host's processor leaves it waiting.
            var due = DateTime.UtcNow.AddMinutes(-10);
            db.WorkItems.Add(new WorkItem { Kind = "test.stuck", Payload = "{}", Status = WorkStatus.Pending, NextAttemptAt = due, CreatedAt = due, UpdatedAt = due, LockedBy = "elsewhere#1", LockedUntil = DateTime.UtcNow.AddHours(1) });
            db.WorkItems.Add(new WorkItem { Kind = "test.later", Payload = "{}", Status = WorkStatus.Pending, NextAttemptAt = DateTime.UtcNow.AddHours(1), CreatedAt = due, UpdatedAt = due });
            await db.SaveChangesAsync();
        }

        var metrics = await ScrapeAsync();

        Assert.Equal(1, metrics.Value("irbot_incidents_open"));
        Assert.Equal(1, metrics.Value("irbot_work_queue_depth"));
        Assert.InRange(metrics.Value("irbot_work_queue_oldest_age_seconds") ?? 0, 590, 700);
    }

    [Fact]
    public async Task The_scrape_endpoint_needs_no_slack_signature_and_slack_urls_still_do()
    {
        var unsigned = await _app.Client.PostAsync(new Uri("/slack/commands", UriKind.Relative), new StringContent("command=%2Firbot&text=help"));
        using var scrape = await _app.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        var metrics = new PrometheusText(await scrape.Content.ReadAsStringAsync());
        Assert.Equal(1, metrics.Value("irbot_slack_requests_total", ("endpoint", "commands"), ("status", "401")));
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await _app.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    private static JsonObject HomeOpened(string userId) => new()
    {
        ["type"] = "app_home_opened",
        ["user"] = userId,
        ["channel"] = "D" + userId,
        ["tab"] = "home",
        ["event_ts"] = "1700000000.000100",
    };
}
