using System.Text.Json;
using System.Text.Json.Serialization;

namespace IrBot.Slack;

/// <summary>The one JSON policy for everything Slack: snake_case names, nulls left out.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // Slack puts "type" wherever it likes; our own polymorphic reads must not depend on order.
            AllowOutOfOrderMetadataProperties = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
