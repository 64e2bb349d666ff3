using System.Text.Json;
using System.Text.Json.Serialization;

namespace IrBot.Slack.WebApi;

/// <summary>A user's profile, from users.info (standard fields) or users.profile.get (with custom fields).</summary>
public sealed record UserProfile
{
    public string? Email { get; init; }
    public string? RealName { get; init; }
    public string? DisplayName { get; init; }
    public string? Title { get; init; }
    // The snake_case policy would read "image72"; Slack writes "image_72".
    [JsonPropertyName("image_72")]
    public string? Image72 { get; init; }
    [JsonPropertyName("image_192")]
    public string? Image192 { get; init; }
    /// <summary>Custom profile fields: <c>{ "Xf…": { "value", "alt" } }</c>.</summary>
    [JsonConverter(typeof(ProfileFieldsConverter))]
    public IReadOnlyDictionary<string, ProfileField>? Fields { get; init; }
}

/// <summary>One custom profile field's value.</summary>
public sealed record ProfileField
{
    public string? Value { get; init; }
    public string? Alt { get; init; }
}

/// <summary>
/// Slack sends <c>profile.fields</c> as an object keyed by field id, but as <c>[]</c> (or null) when a
/// profile has none: read both as a dictionary.
/// </summary>
internal sealed class ProfileFieldsConverter : JsonConverter<IReadOnlyDictionary<string, ProfileField>>
{
    public override IReadOnlyDictionary<string, ProfileField>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            // Skip() throws on a streamed body (any users.list page past the first buffer: the directory then
            // loaded nothing); a custom converter's value is buffered whole, so TrySkip succeeds.
            if (!reader.TrySkip())
            {
                throw new JsonException("profile.fields was cut short");
            }

            return new Dictionary<string, ProfileField>();
        }

        return JsonSerializer.Deserialize<Dictionary<string, ProfileField>>(ref reader, options);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, ProfileField> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
