using System.Net;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.SlackApp;
using IrBot.TestSupport;
using IrBot.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace IrBot.IntegrationTests.SlackIntake;

/// <summary>
/// One IR Bot in Socket Mode (an app token, no signing secret) against Slack's WebSocket end in process, for what only
/// Socket Mode has: drops, refreshes, envelopes sent twice or acknowledged late, readiness. The flows both modes share
/// (commands, clicks, submissions, suggestions, events) are <see cref="SlackDeliveryTests"/>.
/// </summary>
public sealed class SocketModeHost : IAsyncLifetime
{
    public FakeSlack Slack { get; } = FakeSlack.Start();
    public FakeSocketMode Socket { get; private set; } = null!;
    public IrBotApp App { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Socket = await FakeSocketMode.StartAsync(Slack);
        App = await IrBotApp.StartAsync(
            new Dictionary<string, string?> { ["Slack:AppToken"] = FakeSocketMode.AppToken, ["Slack:SigningSecret"] = string.Empty },
            slack: Slack,
            services: s => s.AddSingleton<ILogEventSink>(Logs));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Socket.DisposeAsync();
        Slack.Dispose();
    }
}

public sealed class SocketModeTests(SocketModeHost host) : IClassFixture<SocketModeHost>, IAsyncLifetime
{
    private const string Channel = "CINC000001";
    private const string Scribe = "USCRIBE001";

    private IrBotApp App => host.App;
    private FakeSocketMode Socket => host.Socket;

    public async Task InitializeAsync()
    {
        await App.ResetAsync();
        await Socket.WaitForOpenAsync(SlackSocketMode.Connections);
        await using var db = App.Db();
        db.Incidents.Add(new Incident
        {
            Number = 1,
            Title = "VPN",
            Status = IncidentStatus.Active,
            RequestedBy = IrBotApp.IrMember,
            OpenedAt = DateTime.UtcNow,
            ChannelId = Channel,
            ChannelName = "ir-20261125",
            ScribeId = Scribe,
        });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_button_click_over_socket_mode_opens_its_modal()
    {
        await NoteAsync("Blocked IP 203.0.113.7");
        var note = Assert.Single(await NotesAsync());

        var ack = await Socket.SendAsync("interactive", EditClick(note.Id, Scribe), acceptsResponsePayload: false);

        Assert.Null(ack["payload"]);
        await IrBotApp.WaitUntilAsync(() => App.Slack.Calls("views.open").Count == 1, "the edit modal opens");
        var modal = App.Slack.Calls("views.open")[0].Json["view"]!;
        Assert.Equal(EditNoteSubmission.Id, (string?)modal["callback_id"]);
    }

    [Fact]
    public async Task A_dropped_connection_is_opened_again_and_the_next_envelope_is_handled()
    {
        var opened = Socket.Opened;
        var dropped = Socket.Open[0];

        dropped.Drop();
        await IrBotApp.WaitUntilAsync(() => Socket.Opened > opened && Socket.Open.Count == SlackSocketMode.Connections, "IR Bot connects again");
        await NoteAsync("After the drop", via: Socket.Open.Single(c => c.Number > opened));

        Assert.Equal("After the drop", Assert.Single(await NotesAsync()).Text);
    }

    [Fact]
    public async Task A_refresh_loses_nothing_sent_before_during_or_after_it()
    {
        var opened = Socket.Opened;
        var refreshed = Socket.Open[0];

        await NoteAsync("Before the refresh", via: refreshed);
        await refreshed.DisconnectAsync("warning");
        await IrBotApp.WaitUntilAsync(() => Socket.Opened > opened && Socket.Open.Count(c => c != refreshed) == SlackSocketMode.Connections, "the next connection is open before the old one goes");
        await NoteAsync("During the refresh", via: refreshed);
        await refreshed.DisconnectAsync("refresh_requested");
        await refreshed.CloseAsync();
        await NoteAsync("After the refresh");

        Assert.Equal(["Before the refresh", "During the refresh", "After the refresh"], (await NotesAsync()).Select(n => n.Text));
        Assert.Equal(HttpStatusCode.OK, (await App.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Drops_and_refreshes_log_neither_the_app_token_nor_the_connection_ticket_and_nothing_alarming()
    {
        var opened = Socket.Opened;
        Socket.Open[0].Drop();
        await IrBotApp.WaitUntilAsync(() => Socket.Opened > opened && Socket.Open.Count == SlackSocketMode.Connections, "IR Bot connects again");
        var refreshed = Socket.Open[0];
        await refreshed.DisconnectAsync("refresh_requested");
        await refreshed.CloseAsync();
        await IrBotApp.WaitUntilAsync(() => Socket.Opened > opened + 1 && Socket.Open.Count == SlackSocketMode.Connections, "IR Bot replaces the refreshed connection");

        Assert.DoesNotContain(FakeSocketMode.AppToken, host.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket=", host.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("Slack Socket Mode connection", host.Logs.Text, StringComparison.Ordinal);
        Assert.Empty(host.Logs.Alarming);
    }

    [Fact]
    public async Task An_envelope_delivered_on_both_connections_acts_once_and_both_get_the_same_answer()
    {
        var envelopeId = Guid.NewGuid().ToString();
        var command = NoteCommand("Seen twice");

        var acks = await Task.WhenAll(Socket.Open.Select(c => Socket.SendAsync("slash_commands", command, acceptsResponsePayload: true, envelopeId, via: c)));

        var note = Assert.Single(await NotesAsync());
        Assert.All(acks, a => Assert.Contains($"note {note.Id}", (string?)a["payload"]!["text"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_envelope_whose_acknowledgement_was_lost_is_sent_again_and_acts_once()
    {
        var envelopeId = Guid.NewGuid().ToString();

        var ack = await Socket.SendAsync("slash_commands", NoteCommand("Acked late"), acceptsResponsePayload: true, envelopeId, loseFirstAck: true);

        var note = Assert.Single(await NotesAsync());
        Assert.Equal(2, Socket.AcksOf(envelopeId).Count);
        Assert.Contains($"note {note.Id}", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_says_the_socket_is_connected()
    {
        var response = await App.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]!.AsArray().Single(c => (string?)c!["name"] == "slack-socket")!;
        Assert.StartsWith("Socket Mode connected", (string?)check["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signing_secret_the_http_endpoints_take_nothing()
    {
        var response = await App.SendCommandAsync("Over HTTP", channelId: Channel, command: "/note");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await NotesAsync());
    }

    private async Task<JsonNode> NoteAsync(string text, FakeSocketConnection? via = null) =>
        await Socket.SendAsync("slash_commands", NoteCommand(text), acceptsResponsePayload: true, via: via);

    private JsonObject NoteCommand(string text) =>
        SlackPayloads.SlashCommandObject("/note", text, IrBotApp.IrMember, Channel, App.Slack.ResponseUrl());

    private async Task<List<TimelineNote>> NotesAsync()
    {
        await using var db = App.Db();
        return await db.TimelineNotes.OrderBy(n => n.Id).ToListAsync();
    }

    private JsonObject EditClick(long noteId, string user)
    {
        var click = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_ephemeral_message_button.json"))!.AsObject();
        click["user"] = new JsonObject { ["id"] = user, ["username"] = "scribe", ["name"] = "scribe", ["team_id"] = "T111" };
        click["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "ir-20261125" };
        click["response_url"] = App.Slack.ResponseUrl();
        click["actions"]![0]!["action_id"] = EditNoteButton.Id;
        click["actions"]![0]!["value"] = noteId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return click;
    }
}

public sealed class SocketModeSettingsTests
{
    [Fact]
    public async Task A_bot_token_given_as_the_app_token_stops_the_service_with_the_setting_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => IrBotApp.StartAsync(new Dictionary<string, string?> { ["Slack:AppToken"] = "xoxb-not-an-app-token" }));

        Assert.Contains("Slack:AppToken must be an app-level token (xapp-…", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_token_slack_rejects_keeps_the_service_not_ready_naming_the_setting()
    {
        // No Socket Mode end behind this Slack stand-in: apps.connections.open answers invalid_auth.
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Slack:AppToken"] = "xapp-1-A0REVOKED1-1-revoked" });

        string? reason = null;
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                var response = await app.Client.GetAsync("/health/ready");
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                reason = (string?)body["checks"]!.AsArray().Single(c => (string?)c!["name"] == "slack-socket")!["reason"];
                return response.StatusCode == HttpStatusCode.ServiceUnavailable && reason!.Contains("invalid_auth", StringComparison.Ordinal);
            },
            "readiness says why Socket Mode is not connected");
        Assert.Contains("Slack:AppToken", reason, StringComparison.Ordinal);
    }
}
