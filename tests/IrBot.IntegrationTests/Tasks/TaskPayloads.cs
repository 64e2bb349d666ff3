using System.Text.Json.Nodes;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>view_submission and block_actions payloads built from Slack's real ones with our ids and values.</summary>
public static class TaskPayloads
{
    public static string ViewSubmission(string callbackId, string userId, string privateMetadata, params (string Block, JsonObject Value)[] values)
    {
        var node = JsonNode.Parse(SlackPayloads.Fixture("interactivity/view_submission_static_select_datepicker_multiline.json"))!.AsObject();
        node["user"]!["id"] = userId;
        var view = node["view"]!.AsObject();
        view["callback_id"] = callbackId;
        view["private_metadata"] = privateMetadata;
        var state = new JsonObject();
        foreach (var (block, value) in values)
        {
            state[block] = new JsonObject { ["value"] = value };
        }

        view["state"] = new JsonObject { ["values"] = state };
        return node.ToJsonString();
    }

    public static JsonObject Text(string? value) => new() { ["type"] = "plain_text_input", ["value"] = value };

    public static JsonObject User(string? id) => new() { ["type"] = "users_select", ["selected_user"] = id };

    public static JsonObject Select(string value) => new()
    {
        ["type"] = "static_select",
        ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value, ["emoji"] = true }, ["value"] = value },
    };

    public static JsonObject Radio(string value) => new()
    {
        ["type"] = "radio_buttons",
        ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value, ["emoji"] = true }, ["value"] = value },
    };

    /// <summary>A click on a button of a DM message (the real DM block_actions payload).</summary>
    public static string Button(string actionId, string value, string userId, string channelId, string messageTs)
    {
        var node = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_dm_message_button.json"))!.AsObject();
        node["user"]!["id"] = userId;
        node["channel"]!["id"] = channelId;
        node["container"]!["channel_id"] = channelId;
        node["container"]!["message_ts"] = messageTs;
        node["message"]!["ts"] = messageTs;
        node["trigger_id"] = $"{Random.Shared.Next()}.12345.abcdef";
        var action = node["actions"]![0]!.AsObject();
        action["action_id"] = actionId;
        action["block_id"] = "task_buttons";
        action["value"] = value;
        // Every click has its own action_ts (the same one twice is one click delivered twice).
        action["action_ts"] = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Random.Shared.Next(100000, 999999)}";
        return node.ToJsonString();
    }
}
