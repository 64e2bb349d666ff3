using System.Globalization;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Steps;

/// <summary>
/// Posts a message of an incident once across crashes, lost answers and retries: the message is tagged with message metadata
/// (<c>event_type</c>, <c>incident_id</c>, an occasion), and before posting the conversation's recent history is searched for
/// that tag (<see cref="TaggedPost"/>). In a DM that needs <c>im:history</c>.
/// </summary>
public static class TaggedMessages
{
    public const string IncidentKey = "incident_id";

    /// <summary>Tells apart several messages of one type in one incident (e.g. each status update).</summary>
    public const string OccasionKey = "occasion";

    /// <summary>
    /// Posts <paramref name="message"/> tagged <paramref name="eventType"/> unless such a message is already there.
    /// A type posted more than once per incident passes an <paramref name="occasion"/> that is stable across retries.
    /// A job that saved, before its first try, that it was about to post may pass <paramref name="lookFirst"/> false on
    /// that first try (no history read); every later try must look.
    /// </summary>
    public static Task<TaggedPostResult> PostOnceAsync(
        ISlackChatApi chat,
        ISlackConversationsApi conversations,
        Incident incident,
        string eventType,
        ChatMessage message,
        CancellationToken cancellationToken,
        string? occasion = null,
        bool lookFirst = true) =>
        TaggedPost.PostOnceAsync(chat, conversations, message, Tag(incident, eventType, occasion), cancellationToken, lookFirst);

    public static MessageMetadata Tag(Incident incident, string eventType, string? occasion = null)
    {
        var payload = new Dictionary<string, string> { [IncidentKey] = incident.Id.ToString(CultureInfo.InvariantCulture) };
        if (occasion is not null)
        {
            payload[OccasionKey] = occasion;
        }

        return new MessageMetadata { EventType = eventType, EventPayload = payload };
    }
}
