using System.Text.Json;

namespace IrBot.Slack.Payloads;

/// <summary>
/// A slash command as Slack posts it (form fields), or as Socket Mode sends it (the same fields in a JSON object).
/// <c>user_name</c> is deprecated; use ids.
/// </summary>
public sealed record SlashCommand
{
    public required string Command { get; init; }
    public required string Text { get; init; }
    public required string UserId { get; init; }
    public required string ChannelId { get; init; }
    public string? ChannelName { get; init; }
    public string? UserName { get; init; }
    public string? TeamId { get; init; }
    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
    public string? ApiAppId { get; init; }
    public string? EnterpriseId { get; init; }

    /// <summary>Reads the form Slack sends; null when a required field is missing.</summary>
    public static SlashCommand? FromForm(IReadOnlyDictionary<string, string> form)
    {
        string? Get(string key) => form.TryGetValue(key, out var v) ? v : null;

        var command = Get("command");
        var userId = Get("user_id");
        var channelId = Get("channel_id");
        if (string.IsNullOrEmpty(command) || string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(channelId))
        {
            return null;
        }

        return new SlashCommand
        {
            Command = command,
            Text = (Get("text") ?? string.Empty).Trim(),
            UserId = userId,
            ChannelId = channelId,
            ChannelName = Get("channel_name"),
            UserName = Get("user_name"),
            TeamId = Get("team_id"),
            ResponseUrl = Get("response_url"),
            TriggerId = Get("trigger_id"),
            ApiAppId = Get("api_app_id"),
            EnterpriseId = Get("enterprise_id"),
        };
    }

    /// <summary>Reads a Socket Mode <c>slash_commands</c> payload; null when a required field is missing.</summary>
    public static SlashCommand? FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return FromForm(fields);
    }
}
