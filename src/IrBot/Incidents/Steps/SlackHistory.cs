using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Steps;

/// <summary>Finds our own tagged messages, the basis of "post once" across restarts.</summary>
public static class SlackHistory
{
    public static async Task<bool> HasTaggedMessageAsync(
        ISlackConversationsApi conversations, string channel, string eventType, string key, string value, CancellationToken cancellationToken)
    {
        var history = await conversations.HistoryAsync(
            new ReadConversationHistory { Channel = channel, Limit = 100, IncludeAllMetadata = true },
            cancellationToken);
        return history.Messages?.Any(m =>
            m.Metadata?.EventType == eventType && m.Metadata.Value(key) == value) == true;
    }
}
