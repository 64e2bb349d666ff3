using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Participants;

/// <summary>Arranging incidents and sending the Slack payloads of the participants feature.</summary>
internal static class ParticipantsKit
{
    public const string Channel = "CINCIDENT1";
    public const string Guest = "UGUEST0001";

    public static async Task<Incident> AddIncidentAsync(IrBotApp app, string channelId = Channel, int number = 1, string? commander = IrBotApp.IrMember, DateTime? openedAt = null)
    {
        await using var db = app.Db();
        var incident = new Incident
        {
            Number = number,
            Title = "Suspicious logins",
            Status = IncidentStatus.Active,
            RequestedBy = IrBotApp.IrMember,
            OpenedAt = openedAt ?? DateTime.UtcNow,
            ChannelId = channelId,
            ChannelName = $"ir-20261125-{number}",
            CommanderId = commander,
            ScribeId = IrBotApp.IrMember2,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    /// <summary>member_joined_channel from the real fixture; inviter: null removes it, "" sends it empty.</summary>
    public static string Joined(string user, string? inviter, string eventId, string channel = Channel) =>
        SlackPayloads.EventEnvelope(
            SlackPayloads.InnerEvent("events/member_joined_channel_with_inviter.json", ("user", user), ("channel", channel), ("inviter", inviter)),
            eventId);

    public static string Left(string user, string eventId, string channel = Channel) =>
        SlackPayloads.EventEnvelope(
            SlackPayloads.InnerEvent("events/member_left_channel.json", ("user", user), ("channel", channel)),
            eventId);

    /// <summary>A button click in a channel message (the real block_actions fixture with our ids).</summary>
    public static string Click(string actionId, string value, string user, string channel, string responseUrl)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_channel_message_button_real.json"))!.AsObject();
        payload["response_url"] = responseUrl;
        payload["user"]!["id"] = user;
        payload["channel"]!["id"] = channel;
        payload["container"]!["channel_id"] = channel;
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = "b1",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Go" },
            ["value"] = value,
            ["action_ts"] = "1715342600.000001",
        });
        return payload.ToJsonString();
    }

    /// <summary>The search modal submitted with one department chosen (the real view_submission fixture with our view).</summary>
    public static string SearchSubmitted(string user, string channel, string department)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/view_submission_static_select_datepicker_multiline.json"))!.AsObject();
        payload["user"]!["id"] = user;
        var view = payload["view"]!.AsObject();
        view["callback_id"] = IrBot.Participants.Search.SearchCommand.CallbackId;
        view["private_metadata"] = channel;
        view["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                [IrBot.Participants.Search.SearchCommand.BlockId] = new JsonObject
                {
                    [IrBot.Participants.Search.SearchCommand.ActionId] = new JsonObject
                    {
                        ["type"] = "external_select",
                        ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = department }, ["value"] = department },
                    },
                },
            },
        };
        return payload.ToJsonString();
    }

    /// <summary>
    /// The search modal's department menu asking for options as someone types (bolt-python's block_suggestion
    /// fixture with our view: see tests/fixtures/slack/README.md).
    /// </summary>
    public static string DepartmentSuggestion(string user, string channel, string typed)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_suggestion_modal_external_select.json"))!.AsObject();
        payload["user"]!["id"] = user;
        payload["action_id"] = IrBot.Participants.Search.SearchCommand.ActionId;
        payload["block_id"] = IrBot.Participants.Search.SearchCommand.BlockId;
        payload["value"] = typed;
        payload["view"]!["callback_id"] = IrBot.Participants.Search.SearchCommand.CallbackId;
        payload["view"]!["private_metadata"] = channel;
        return payload.ToJsonString();
    }

    /// <summary>DMs: conversations.open to the person, then a post to the DM id the fake answers (D + user id).</summary>
    public static IReadOnlyList<string> DirectMessagesTo(IrBotApp app, string user) =>
        app.Slack.PostedTo("D" + user).Select(m => (string?)m["text"] ?? string.Empty).ToList();

    public static IReadOnlyList<JsonNode> EphemeralsTo(IrBotApp app, string user) =>
        app.Slack.Calls("chat.postEphemeral").Select(c => c.Json).Where(j => (string?)j["user"] == user).ToList();
}
