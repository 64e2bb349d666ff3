using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>
/// The identity of one click, shortcut or modal submission, stored as a <see cref="ProcessedEvent"/> with what it
/// caused: the same click delivered three times (a double click on Submit, a retried delivery) acts once.
/// </summary>
public static class InteractionIdentity
{
    /// <summary>A button click (user, action ids, values and action_ts); null for other interactions or when Slack sent no action_ts.</summary>
    /// <remarks>Shortcuts are left out: each acts on a message, and its handler knows that message (a note added once).</remarks>
    public static string? Of(InteractionPayload payload)
    {
        var actions = payload.Actions ?? [];
        return payload.Type != InteractionTypes.BlockActions || actions.Count == 0 || actions.Any(a => (a.ActionTs ?? payload.ActionTs) is null)
            ? null
            : Key("click", $"{payload.User?.Id}|{string.Join(',', actions.Select(a => $"{a.ActionId}/{a.BlockId}/{a.Value}/{a.ActionTs ?? payload.ActionTs}"))}");
    }

    /// <summary>
    /// A modal submission: the view's id (the same for every submit of one modal), what it concerns and what was typed, so a double
    /// click on Submit is one intent while a corrected submit after field errors is another.
    /// </summary>
    public static string? OfSubmission(ViewPayload view) =>
        view.Id is { Length: > 0 } id ? Key("view", $"{id}|{view.PrivateMetadata}|{JsonSerializer.Serialize(view.State, SlackJson.Options)}") : null;

    private static string Key(string prefix, string identity) =>
        $"{prefix}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..40]}";
}
