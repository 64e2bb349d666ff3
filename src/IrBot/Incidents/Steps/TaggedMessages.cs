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

    /// <summary>Posts <paramref name="message"/> tagged <paramref name="eventType"/> unless such a message is already there.</summary>
    public static async Task PostOnceAsync(
        ISlackChatApi chat, ISlackConversationsApi conversations, Incident incident, string eventType, ChatMessage message, CancellationToken cancellationToken)
    {
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        var history = await conversations.HistoryAsync(
            new ReadConversationHistory { Channel = message.Channel, Limit = 100, IncludeAllMetadata = true },
            cancellationToken);
        if (history.Messages?.Any(m => m.Metadata?.EventType == eventType && m.Metadata.Value(IncidentKey) == id) == true)
        {
            return;
        }

        await chat.PostMessageAsync(
            message with
            {
                Metadata = new MessageMetadata { EventType = eventType, EventPayload = new Dictionary<string, string> { [IncidentKey] = id } },
            },
            cancellationToken);
    }
}
