using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.Payloads;

namespace IrBot.Tests.Slack.Payloads;

public class EventEnvelopeTests
{
    private static EventEnvelope Load(string name)
    {
        var envelope = EventEnvelope.Parse(File.ReadAllBytes(Fixtures.Path($"events/{name}")));
        Assert.NotNull(envelope);
        return envelope;
    }

    private static SlackEvent LoadInner(string name)
    {
        var inner = JsonSerializer.Deserialize<SlackEvent>(Fixtures.Text($"events/{name}"), SlackJson.Options);
        Assert.NotNull(inner);
        return inner;
    }

    private static List<string> EnvelopeFiles() =>
        Fixtures.Files("events", "*.json").Where(f => !f.Contains("_inner_event", StringComparison.Ordinal)).ToList();

    public static TheoryData<string> EnvelopeFixtures() => new(EnvelopeFiles());

    [Theory]
    [MemberData(nameof(EnvelopeFixtures))]
    public void Every_event_envelope_fixture_parses(string file)
    {
        var envelope = Load(file);

        if (envelope.Type == EventEnvelope.UrlVerification)
        {
            Assert.Null(envelope.Event);
        }
        else
        {
            Assert.Equal(EventEnvelope.EventCallback, envelope.Type);
            Assert.NotNull(envelope.Event);
            Assert.False(string.IsNullOrEmpty(envelope.EventId));
            Assert.NotNull(envelope.EventTime);
        }
    }

    [Fact]
    public void Envelope_fixtures_include_both_kinds()
    {
        var files = EnvelopeFiles();

        Assert.Contains("url_verification.json", files);
        Assert.Contains("member_joined_channel_with_inviter.json", files);
        Assert.True(files.Count >= 10);
    }

    [Fact]
    public void Url_verification_carries_the_challenge()
    {
        var envelope = Load("url_verification.json");

        Assert.Equal(EventEnvelope.UrlVerification, envelope.Type);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", envelope.Challenge);
    }

    [Fact]
    public void Member_joined_channel_envelope_carries_user_channel_and_inviter()
    {
        var envelope = Load("member_joined_channel_with_inviter.json");

        Assert.Equal("Ev111", envelope.EventId);
        Assert.Equal(1599616881, envelope.EventTime);
        Assert.Equal("T111", envelope.TeamId);
        Assert.Equal("member_joined_channel", envelope.Event?.Type);
        Assert.Equal("U999", envelope.Event?.User);
        Assert.Equal("C111", envelope.Event?.Channel);
        Assert.Equal("U222", envelope.Event?.Inviter);
    }

    [Fact]
    public void Member_left_channel_envelope_carries_user_and_channel_without_inviter()
    {
        var ev = Load("member_left_channel.json").Event!;

        Assert.Equal("member_left_channel", ev.Type);
        Assert.Equal("U999", ev.User);
        Assert.Equal("C111", ev.Channel);
        Assert.Null(ev.Inviter);
    }

    [Fact]
    public void Envelope_authorizations_name_the_bot_user()
    {
        var envelope = Load("message_channel_bot_id_no_subtype.json");

        var auth = Assert.Single(envelope.Authorizations!);
        Assert.Equal("UB111", auth.UserId);
        Assert.True(auth.IsBot);
    }

    [Fact]
    public void Inner_member_joined_event_with_inviter_deserializes()
    {
        var ev = LoadInner("member_joined_channel_inner_event_with_inviter.json");

        Assert.Equal("member_joined_channel", ev.Type);
        Assert.Equal("W06GH7XHN", ev.User);
        Assert.Equal("C0698JE0H", ev.Channel);
        Assert.Equal("U123456789", ev.Inviter);
    }

    [Fact]
    public void Inner_member_joined_event_after_private_conversion_has_no_inviter()
    {
        var ev = LoadInner("member_joined_channel_inner_event_no_inviter.json");

        Assert.Null(ev.Inviter);
        Assert.Equal("G0698JE0H", ev.Channel);
    }

    [Fact]
    public void Inner_channel_archive_event_names_channel_and_archiver()
    {
        var ev = LoadInner("channel_archive_inner_event.json");

        Assert.Equal("channel_archive", ev.Type);
        Assert.Equal("C024BE91L", ev.Channel);
        Assert.Equal("U024BE7LH", ev.User);
    }

    [Fact]
    public void Inner_event_wrapped_in_an_envelope_parses()
    {
        var inner = Fixtures.Text("events/member_joined_channel_inner_event_no_inviter.json");
        var body = $$"""{"type":"event_callback","event_id":"Ev1","event_time":1,"team_id":"T8MPF7EHL","event":{{inner}}}""";

        var envelope = EventEnvelope.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal("W06GH7XHN", envelope?.Event?.User);
        Assert.Equal("Ev1", envelope?.EventId);
    }
}
