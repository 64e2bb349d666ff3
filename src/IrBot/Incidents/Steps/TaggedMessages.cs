using System.Globalization;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Steps;

/// <summary>
/// Posts a message of an incident once across crashes and retries: the message is tagged with message metadata
/// (<c>event_type</c>, <c>incident_id</c>), and before posting the channel's recent history is searched for that tag.
/// </summary>
public static class TaggedMessages
{
    public const string IncidentKey = "incident_id";

    /// <summary>Tells apart several messages of one type in one incident (e.g. each status update).</summary>
    public const string OccasionKey = "occasion";

    /// <summary>
    /// Posts <paramref name="message"/> tagged <paramref name="eventType"/> unless such a message is already there.
    /// A type posted more than once per incident passes an <paramref name="occasion"/> that is stable across retries.
    /// </summary>
    public static async Task PostOnceAsync(
        ISlackChatApi chat, ISlackConversationsApi conversations, Incident incident, string eventType, ChatMessage message, CancellationToken cancellationToken, string? occasion = null)
    {
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        var history = await conversations.HistoryAsync(
            new ReadConversationHistory { Channel = message.Channel, Limit = 100, IncludeAllMetadata = true },
            cancellationToken);
        if (history.Messages?.Any(m => m.Metadata?.EventType == eventType && m.Metadata.Value(IncidentKey) == id && m.Metadata.Value(OccasionKey) == occasion) == true)
        {
            return;
        }

        var payload = new Dictionary<string, string> { [IncidentKey] = id };
        if (occasion is not null)
        {
            payload[OccasionKey] = occasion;
        }

        await chat.PostMessageAsync(
            message with { Metadata = new MessageMetadata { EventType = eventType, EventPayload = payload } },
            cancellationToken);
    }
}
