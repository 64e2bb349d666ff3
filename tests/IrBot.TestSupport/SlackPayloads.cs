using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace IrBot.TestSupport;

/// <summary>
/// Requests shaped like Slack's, built from the real payloads in tests/fixtures/slack (copied beside the assembly) with our ids
/// put in, so the tests send what Slack sends.
/// </summary>
public static class SlackPayloads
{
    public static string FixturesDirectory { get; } = FindFixtures();

    public static string Fixture(string relativePath) => File.ReadAllText(Path.Combine(FixturesDirectory, relativePath));

    /// <summary>A slash command form with every field Slack sends (from the docs example).</summary>
    public static string SlashCommand(string command, string text, string userId, string channelId, string responseUrl)
    {
        var fields = QueryHelpers.ParseQuery(Fixture("interactivity/slash_command_enterprise.txt").Trim())
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        fields["command"] = command;
        fields["text"] = text;
        fields["user_id"] = userId;
        fields["user_name"] = userId.ToLowerInvariant();
        fields["channel_id"] = channelId;
        fields["channel_name"] = "incident-channel";
        fields["response_url"] = responseUrl;
        fields["trigger_id"] = $"{Random.Shared.Next()}.98765.abcdef";
        return string.Join('&', fields.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
    }

    /// <summary>The same slash command as Socket Mode sends it: the form's fields in a JSON object.</summary>
    public static JsonObject SlashCommandObject(string command, string text, string userId, string channelId, string responseUrl)
    {
        var json = new JsonObject();
        foreach (var (key, value) in QueryHelpers.ParseQuery(SlashCommand(command, text, userId, channelId, responseUrl)))
        {
            json[key] = value.ToString();
        }

        return json;
    }

    /// <summary>An Events API envelope (the bolt-python member_joined_channel body) around an inner event.</summary>
    public static string EventEnvelope(JsonObject innerEvent, string eventId)
    {
        var envelope = JsonNode.Parse(Fixture("events/member_joined_channel_with_inviter.json"))!.AsObject();
        envelope["event"] = innerEvent;
        envelope["event_id"] = eventId;
        envelope["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        envelope["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null,
            ["team_id"] = "T111",
            ["user_id"] = IrBotApp.BotUserId,
            ["is_bot"] = true,
        });
        return envelope.ToJsonString();
    }

    /// <summary>A fixture's inner event with fields replaced.</summary>
    public static JsonObject InnerEvent(string fixture, params (string Key, string? Value)[] replace)
    {
        var node = JsonNode.Parse(Fixture(fixture))!.AsObject();
        if (node["event"] is JsonObject inner)
        {
            node = JsonNode.Parse(inner.ToJsonString())!.AsObject();
        }

        foreach (var (key, value) in replace)
        {
            if (value is null)
            {
                node.Remove(key);
            }
            else
            {
                node[key] = value;
            }
        }

        return node;
    }

    private static string FindFixtures()
    {
        var candidate = Path.Combine(AppContext.BaseDirectory, "fixtures", "slack");
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException($"Slack fixtures not found at {candidate} (tests/fixtures/slack is copied there on build).");
    }
}
