using System.Text.Json;
using IrBot.Slack.Payloads;
using IrBot.Slack.SocketMode;

namespace IrBot.Tests.Slack.SocketMode;

/// <summary>Socket Mode messages as Slack sends them (fixtures from Slack's Python SDK and docs).</summary>
public class SocketModeEnvelopeTests
{
    private static SocketModeEnvelope Load(string name) =>
        SocketModeEnvelope.Parse(File.ReadAllBytes(Fixtures.Path($"socket_mode/{name}"))) ?? throw new InvalidOperationException(name);

    [Fact]
    public void Hello_says_how_many_connections_are_open_and_how_long_this_one_lasts()
    {
        var hello = Load("hello.json");

        Assert.Equal(SocketModeTypes.Hello, hello.Type);
        Assert.Null(hello.EnvelopeId);
        Assert.Equal(2, hello.NumConnections);
        Assert.Equal(18060, hello.DebugInfo?.ApproximateConnectionTime);
    }

    [Theory]
    [InlineData("disconnect_warning.json", DisconnectReasons.Warning)]
    [InlineData("disconnect_refresh_requested.json", DisconnectReasons.RefreshRequested)]
    public void Disconnect_carries_its_reason(string file, string reason)
    {
        var disconnect = Load(file);

        Assert.Equal(SocketModeTypes.Disconnect, disconnect.Type);
        Assert.Equal(reason, disconnect.Reason);
    }

    [Fact]
    public void A_slash_command_envelope_accepts_a_response_and_its_payload_reads_as_the_http_form_would()
    {
        var envelope = Load("slash_commands_envelope.json");

        Assert.Equal(SocketModeTypes.SlashCommands, envelope.Type);
        Assert.Equal("1d3c79ab-0ffb-41f3-a080-d19e85f53649", envelope.EnvelopeId);
        Assert.True(envelope.AcceptsResponsePayload);
        var command = SlashCommand.FromJson(envelope.Payload!.Value);
        Assert.NotNull(command);
        Assert.Equal("/hello-socket-mode", command.Command);
        Assert.Equal("U111", command.UserId);
        Assert.Equal("C111", command.ChannelId);
        Assert.Equal(string.Empty, command.Text);
        Assert.Equal("https://hooks.slack.com/commands/T111/111/xxx", command.ResponseUrl);
    }

    [Fact]
    public void An_events_api_envelope_holds_the_events_api_body_with_its_event_id()
    {
        var envelope = Load("events_api_envelope.json");

        Assert.Equal(SocketModeTypes.EventsApi, envelope.Type);
        Assert.False(envelope.AcceptsResponsePayload);
        Assert.Equal(0, envelope.RetryAttempt);
        var body = EventEnvelope.Parse(JsonSerializer.SerializeToUtf8Bytes(envelope.Payload!.Value))!;
        Assert.Equal(EventEnvelope.EventCallback, body.Type);
        Assert.Equal("Ev111", body.EventId);
        Assert.Equal("app_mention", body.Event?.Type);
    }

    [Fact]
    public void An_interactive_envelope_holds_the_interactivity_payload()
    {
        var envelope = Load("interactive_shortcut_envelope.json");

        Assert.Equal(SocketModeTypes.Interactive, envelope.Type);
        var payload = InteractionPayload.Parse(envelope.Payload!.Value.GetRawText())!;
        Assert.Equal(InteractionTypes.Shortcut, payload.Type);
        Assert.Equal("do-something", payload.CallbackId);
    }

    [Fact]
    public void An_acknowledgement_names_the_envelope_and_carries_the_response_payload()
    {
        var ack = new SocketModeAck { EnvelopeId = "e-1", Payload = new { response_action = "errors", errors = new Dictionary<string, string> { ["note_text"] = "Too long" } } };

        using var json = JsonDocument.Parse(ack.ToUtf8Json());

        Assert.Equal("e-1", json.RootElement.GetProperty("envelope_id").GetString());
        Assert.Equal("errors", json.RootElement.GetProperty("payload").GetProperty("response_action").GetString());
        Assert.Equal("Too long", json.RootElement.GetProperty("payload").GetProperty("errors").GetProperty("note_text").GetString());
    }

    [Fact]
    public void An_acknowledgement_without_a_response_is_the_envelope_id_alone()
    {
        var ack = new SocketModeAck { EnvelopeId = "e-2" };

        Assert.Equal("""{"envelope_id":"e-2"}""", System.Text.Encoding.UTF8.GetString(ack.ToUtf8Json()));
    }
}
