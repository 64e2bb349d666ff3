using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.SlackIntake;

/// <summary>What every Slack request meets first: the signature check, then fast, deduplicated acceptance.</summary>
[Collection(SharedApp.Intake)]
public sealed class SlackIntakeTests(SharedApp shared) : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync() => _app = await shared.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    [InlineData("/slack/events")]
    public async Task A_request_with_a_wrong_signature_is_refused_and_nothing_is_stored(string path)
    {
        var body = SlackPayloads.SlashCommand("/irbot", "incident Forged", IrBotApp.IrMember, "C1", _app.Slack.ResponseUrl());
        using var request = Unsigned(path, body);
        request.Headers.Add("X-Slack-Request-Timestamp", Now());
        request.Headers.Add("X-Slack-Signature", "v0=" + new string('0', 64));

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_is_refused()
    {
        var body = SlackPayloads.SlashCommand("/irbot", "incident Forged", IrBotApp.IrMember, "C1", _app.Slack.ResponseUrl());
        var timestamp = Now();
        using var request = Unsigned("/slack/commands", body);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", IrBot.Slack.SlackSignatureVerifier.Sign("not-our-secret", timestamp, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.SendAsync(request)).StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_replayed_request_older_than_five_minutes_is_refused()
    {
        var body = SlackPayloads.SlashCommand("/irbot", "incident Replayed", IrBotApp.IrMember, "C1", _app.Slack.ResponseUrl());
        var old = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = Unsigned("/slack/commands", body);
        request.Headers.Add("X-Slack-Request-Timestamp", old);
        request.Headers.Add("X-Slack-Signature", IrBot.Slack.SlackSignatureVerifier.Sign(IrBotApp.SigningSecret, old, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.SendAsync(request)).StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_request_without_signature_headers_is_refused()
    {
        using var request = Unsigned("/slack/events", SlackPayloads.Fixture("events/url_verification.json"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_body_over_a_megabyte_is_refused_before_its_signature_is_checked_or_anything_stored()
    {
        var body = "token=x&command=%2Fnote&user_id=" + IrBotApp.IrMember + "&channel_id=C1&text=" + new string('a', 1024 * 1024);

        var response = await _app.PostSignedAsync("/slack/commands", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using var db = _app.Db();
        Assert.Empty(db.TimelineNotes);
    }

    [Fact]
    public async Task The_url_verification_challenge_is_answered()
    {
        var body = SlackPayloads.Fixture("events/url_verification.json");

        var response = await _app.SendEventAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = (string?)JsonNode.Parse(body)!["challenge"];
        Assert.Equal(expected, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    [Fact]
    public async Task A_retried_event_is_accepted_every_time_but_handled_once()
    {
        var inner = SlackPayloads.InnerEvent("events/member_left_channel.json", ("channel", "CNOTOURS01"));
        var envelope = SlackPayloads.EventEnvelope(inner, "Ev0RETRY001");

        var first = await _app.SendEventAsync(envelope);
        var retry = await _app.SendEventAsync(envelope, retryNum: 1);
        var again = await _app.SendEventAsync(envelope, retryNum: 2);

        Assert.All([first, retry, again], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = _app.Db();
        Assert.Single(await db.ProcessedEvents.Where(e => e.EventId == "Ev0RETRY001").ToListAsync());
        Assert.Single(await db.WorkItems.Where(w => w.Kind == SlackEventWork.Kind).ToListAsync());
    }

    [Fact]
    public async Task A_signed_event_nobody_handles_is_still_answered_200()
    {
        var inner = SlackPayloads.InnerEvent("events/app_mention.json");
        var response = await _app.SendEventAsync(SlackPayloads.EventEnvelope(inner, "Ev0IGNORED1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _app.WaitForIdleAsync();
        await using var db = _app.Db();
        Assert.Equal(IrBot.Work.WorkStatus.Done, (await db.WorkItems.SingleAsync()).Status);
    }

    [Fact]
    public async Task The_TLS_check_Slack_sends_to_the_command_URL_gets_an_empty_200()
    {
        var response = await _app.PostSignedAsync("/slack/commands", "token=abc&ssl_check=1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_TLS_check_is_answered_before_the_signature_check_as_slacks_sdks_do()
    {
        using var content = new StringContent("token=abc&ssl_check=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var unsigned = await _app.Client.PostAsync("/slack/commands", content);

        Assert.Equal(HttpStatusCode.OK, unsigned.StatusCode);
        Assert.Equal(string.Empty, await unsigned.Content.ReadAsStringAsync());
        await using var db = _app.Db();
        Assert.Empty(await db.WorkItems.ToListAsync());
    }

    [Fact]
    public async Task An_unsigned_command_that_merely_mentions_ssl_check_is_still_refused()
    {
        using var content = new StringContent("command=%2Firbot&text=ssl_check%3D1&ssl_check=0", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _app.Client.PostAsync("/slack/commands", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_request_that_is_not_a_slash_command_gets_400()
    {
        var response = await _app.PostSignedAsync("/slack/commands", "text=hello", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_interaction_without_a_payload_gets_400()
    {
        var response = await _app.PostSignedAsync("/slack/interactivity", "payload=%7Bnot+json", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Help_lists_every_command_with_its_usage()
    {
        foreach (var text in new[] { string.Empty, "help", "frobnicate" })
        {
            var response = await _app.SendCommandAsync(text, userId: IrBotApp.Outsider);
            var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.Equal("ephemeral", (string?)reply["response_type"]);
            var help = (string?)reply["text"];
            foreach (var usage in new[] { "/irbot help", "/irbot incident [title]", "/irbot ic @user", "/irbot scribe @user", "/irbot who" })
            {
                Assert.Contains(usage, help, StringComparison.Ordinal);
            }
        }

        var unknown = JsonNode.Parse(await (await _app.SendCommandAsync("frobnicate")).Content.ReadAsStringAsync())!;
        Assert.Contains("does not know `frobnicate`", (string?)unknown["text"], StringComparison.Ordinal);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = _app.Db();
        Assert.False(await db.Incidents.AnyAsync());
        Assert.False(await db.WorkItems.AnyAsync());
        Assert.False(await db.ProcessedEvents.AnyAsync());
        Assert.Empty(_app.Slack.Methods());
    }

    private static HttpRequestMessage Unsigned(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(path.EndsWith("events", StringComparison.Ordinal) ? "application/json" : "application/x-www-form-urlencoded");
        return request;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
