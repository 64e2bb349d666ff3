using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.TestSupport;
using IrBot.Workflows.Managing;
using IrBot.Workflows.Running;

namespace IrBot.IntegrationTests.Workflows;

/// <summary>People, channels and Slack requests for the workflow tests, shaped from Slack's real payloads.</summary>
internal static class WorkflowKit
{
    public const string WorkspaceAdmin = "UADMIN0001";
    public const string Reporter = "UREPORT001";
    public const string Jon = "UJON000001";
    public const string Chris = "UCHRIS0001";
    public const string General = "CGENERAL01";
    public const string TownSquare = "CTOWNSQ001";

    public static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "workflows", "sample.json"));

    /// <summary>The sample's people (jon, chris), a workspace admin, and the channels it posts in.</summary>
    public static void Arrange(FakeSlack slack)
    {
        slack.AddUser(WorkspaceAdmin, "Ada Admin", isAdmin: true);
        slack.AddUser(Reporter, "Rita Reporter");
        slack.AddUser(Jon, "Jon Snow", name: "jon");
        slack.AddUser(Chris, "Chris Doe", name: "chris");
        slack.AddUser(IrBotApp.Outsider, "Otto Outsider");
        slack.AddChannel(General, "general");
        slack.AddChannel(TownSquare, "town-square");
    }

    /// <summary>Runs <c>/irbot workflow edit</c> and submits the modal with <paramref name="json"/> as an uploaded file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(IrBotApp app, string json, string user = WorkspaceAdmin)
    {
        var opened = await app.SendCommandAsync("workflow edit", user);
        opened.EnsureSuccessStatusCode();
        var url = app.Slack.AddFile("workflows.json", json);
        return await app.SendInteractionAsync(Submission(user, new JsonObject
        {
            ["type"] = "file_input",
            ["files"] = new JsonArray(new JsonObject
            {
                ["id"] = "F0001",
                ["name"] = "workflows.json",
                ["title"] = "workflows.json",
                ["mimetype"] = "application/json",
                ["filetype"] = "json",
                ["size"] = json.Length,
                ["url_private"] = url,
                ["url_private_download"] = url + "?download=1",
            }),
        }, null));
    }

    /// <summary>The upload modal submitted with text pasted in the box.</summary>
    public static Task<HttpResponseMessage> PasteAsync(IrBotApp app, string json, string user = WorkspaceAdmin) =>
        app.SendInteractionAsync(Submission(user, new JsonObject { ["type"] = "file_input", ["files"] = new JsonArray() }, json));

    private static string Submission(string user, JsonObject file, string? text)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/view_submission_static_select_datepicker_multiline.json"))!.AsObject();
        payload["user"]!["id"] = user;
        var view = payload["view"]!.AsObject();
        view["callback_id"] = WorkflowEditModal.CallbackId;
        view["private_metadata"] = string.Empty;
        view["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                [WorkflowEditModal.FileBlock] = new JsonObject { [WorkflowEditModal.InputAction] = file },
                [WorkflowEditModal.TextBlock] = new JsonObject { [WorkflowEditModal.InputAction] = new JsonObject { ["type"] = "plain_text_input", ["value"] = text } },
            },
        };
        return payload.ToJsonString();
    }

    /// <summary>A person's message in a channel, as the Events API delivers it.</summary>
    public static string Message(string text, string ts, string eventId, string user = Reporter, string channel = General, params (string Key, string? Value)[] more) =>
        SlackPayloads.EventEnvelope(
            SlackPayloads.InnerEvent("events/message_channel_human.json", [("text", text), ("user", user), ("channel", channel), ("ts", ts), ("event_ts", ts), .. more]),
            eventId);

    public static string Ts(int n) => $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{n:D6}";

    /// <summary>The post's block id of a field or transition section, found by its suffix (field name or index).</summary>
    public static string BlockId(JsonNode post, string kind, string key) =>
        post["blocks"]!.AsArray().Select(b => (string?)b!["block_id"]).First(id => id is not null && id.StartsWith(kind + "|", StringComparison.Ordinal) && id.EndsWith("|" + key, StringComparison.Ordinal))!;

    /// <summary>A click on a field's button or a transition in a channel message (the real block_actions payload).</summary>
    public static string Button(string actionId, string blockId, string user, string channel, string value = "x")
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_channel_message_button_real.json"))!.AsObject();
        payload["user"]!["id"] = user;
        payload["channel"]!["id"] = channel;
        payload["container"]!["channel_id"] = channel;
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = blockId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Go" },
            ["value"] = value,
            ["action_ts"] = "1715342600.000001",
        });
        return payload.ToJsonString();
    }

    /// <summary>A choice in a field's select (the real static_select block_actions payload).</summary>
    public static string Select(string blockId, string option, string user, string channel)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_channel_message_static_select_real.json"))!.AsObject();
        payload["user"]!["id"] = user;
        payload["channel"]!["id"] = channel;
        payload["container"]!["channel_id"] = channel;
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = WorkflowPostMessage.FieldActionId,
            ["block_id"] = blockId,
            ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = option, ["emoji"] = true }, ["value"] = option },
            ["action_ts"] = "1715360381.098191",
        });
        return payload.ToJsonString();
    }

    /// <summary>Messages posted to a channel (chat.postMessage bodies), oldest first.</summary>
    public static List<JsonNode> Posts(IrBotApp app, string channel) => app.Slack.PostedTo(channel).ToList();

    public static string Text(JsonNode post) => (string?)post["text"] ?? string.Empty;

    /// <summary>Every text of a message's blocks, one per line, as people read them.</summary>
    public static string BlockText(JsonNode message) => string.Join('\n', Texts(message["blocks"]));

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        // A text object ({type: mrkdwn|plain_text, text}) is read; anything else is searched for text objects.
        JsonObject o when (string?)o["type"] is "mrkdwn" or "plain_text" => [(string?)o["text"] ?? string.Empty],
        JsonObject o => o.SelectMany(kv => Texts(kv.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}
