using System.Globalization;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Steps;

/// <summary>Finds our own tagged messages, the basis of "post once" across restarts.</summary>
public static class SlackHistory
{
    public static async Task<bool> HasTaggedMessageAsync(
        ISlackApi slack, string channel, string eventType, string key, string value, CancellationToken cancellationToken)
    {
        var history = await slack.HistoryAsync(
            SlackWebApiExtensions.Form(("channel", channel), ("limit", "100"), ("include_all_metadata", "true")),
            cancellationToken);
        return history.Messages?.Any(m =>
            m.Metadata?.EventType == eventType && m.Metadata.Value(key) == value) == true;
    }
}
