using System.Globalization;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;

namespace IrBot.Incidents;

/// <summary>What incidents say in Slack.</summary>
public static class IncidentMessages
{
    public const int MaxTopicLength = 250;

    public static string Role(string? userId) => userId is null ? "TBD" : SlackMentions.User(userId);

    public static string Name(Incident incident) => $"Incident {incident.Number}: {incident.Title}";

    /// <summary>The channel topic: the incident and whatever links exist so far (≤ 250 characters).</summary>
    public static string Topic(Incident incident)
    {
        var parts = new List<string> { Name(incident) };
        if (incident.ConfluencePageUrl is not null)
        {
            parts.Add($"Page: {incident.ConfluencePageUrl}");
        }

        if (incident.TheHiveCaseUrl is not null)
        {
            parts.Add($"Case: {incident.TheHiveCaseUrl}");
        }

        var topic = string.Join(" | ", parts);
        if (topic.Length <= MaxTopicLength)
        {
            return topic;
        }

        // Links matter more than the title: shorten the title first.
        var links = string.Join(" | ", parts.Skip(1));
        var room = MaxTopicLength - links.Length - 3;
        return room > 10 ? BlockLimits.Truncate(Name(incident), room) + " | " + links : BlockLimits.Truncate(topic, MaxTopicLength);
    }

    public static (string Text, IReadOnlyList<Block> Blocks) Opened(Incident incident)
    {
        var text = $"{SlackMentions.Escape(Name(incident))} is open. Requested by {SlackMentions.User(incident.RequestedBy)}. Commander: {Role(incident.CommanderId)}, scribe: {Role(incident.ScribeId)}.";
        var blocks = new List<Block>
        {
            Blocks.Header($":rotating_light: {Name(incident)}"),
            new SectionBlock
            {
                Fields =
                [
                    TextObject.Markdown($"*Requested by*\n{SlackMentions.User(incident.RequestedBy)}"),
                    TextObject.Markdown($"*Opened*\n{incident.OpenedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"),
                    TextObject.Markdown($"*Commander*\n{Role(incident.CommanderId)}"),
                    TextObject.Markdown($"*Scribe*\n{Role(incident.ScribeId)}"),
                ],
            },
            Blocks.Context("Set roles with `/irbot ic @user` and `/irbot scribe @user`; `/irbot who` shows them; `/irbot help` lists every command."),
        };
        return (text, blocks);
    }
}
