namespace IrBot.Tests.Slack.WebApi;

public sealed class HistoryMetadataTests
{
    [Fact]
    public void Other_apps_metadata_with_numbers_and_objects_does_not_break_reading_the_history()
    {
        const string json = """
            {"ok":true,"messages":[
              {"type":"message","ts":"1.1","metadata":{"event_type":"other_app","event_payload":{"count":3,"nested":{"a":true}}}},
              {"type":"message","ts":"1.2","metadata":{"event_type":"irbot_incident_opened","event_payload":{"incident_id":"7"}}},
              {"type":"message","ts":"1.3","metadata":{"event_type":"no_payload"}}
            ]}
            """;

        var history = System.Text.Json.JsonSerializer.Deserialize<IrBot.Slack.WebApi.HistoryResponse>(json, IrBot.Slack.SlackJson.Options)!;

        Assert.Equal(3, history.Messages!.Count);
        Assert.Null(history.Messages[0].Metadata!.Value("count"));
        Assert.Equal("7", history.Messages[1].Metadata!.Value("incident_id"));
        Assert.Null(history.Messages[2].Metadata!.Value("incident_id"));
    }
}
