using IrBot.Incidents.Steps;
using IrBot.Integrations;
using IrBot.Incidents.Opening;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents;

/// <summary>One line of a progress message: a step and how it stands.</summary>
public sealed record ProgressLine(string Description, StepStatus Status, bool Working, string? Error, bool Permanent = false);

/// <summary>
/// The one message that shows someone how an opening or an archive goes, step by step: posted once in a DM
/// (conversations.open + chat.postMessage), then edited with chat.update. It is tagged with the incident and the run
/// (<see cref="TaggedMessages"/>): until its ts is known, the DM's history (<c>im:history</c>) is searched for it, so a
/// post whose answer was lost is found and edited by the next step instead of posted again. It is only used when an
/// external system is on: a Slack-only opening takes a second and the command's own replies say enough. A progress
/// message that cannot be posted never stops the work.
/// </summary>
public sealed class ProgressMessage(ISlackChatApi chat, ISlackConversationsApi conversations, IEnumerable<IntegrationStatus> integrations, ILogger<ProgressMessage> logger)
{
    /// <summary>The tag's event type; the occasion names the run (<c>opening-{job}</c>, <c>archiving-{job}</c>).</summary>
    public const string MetadataEventType = "irbot_progress";

    public bool IsUsed => integrations.Any(i => i.Enabled);

    /// <summary>
    /// Shows <paramref name="lines"/> in the progress message of the run named <paramref name="occasion"/> (stable across
    /// its retries): edits it where <paramref name="where"/> says, else finds it by its tag or posts it, and records where it is.
    /// </summary>
    public async Task ShowAsync(
        ProgressRef where, string userId, string heading, IReadOnlyList<ProgressLine> lines, Incident incident, string occasion, CancellationToken cancellationToken)
    {
        if (!IsUsed)
        {
            return;
        }

        var (text, blocks) = Render(heading, lines, incident);
        try
        {
            if (where.Ts is not null && where.Channel is not null)
            {
                await chat.UpdateAsync(new ChatMessage { Channel = where.Channel, Ts = where.Ts, Text = text, Blocks = blocks }, cancellationToken);
                return;
            }

            var channel = await conversations.OpenDmAsync(userId, cancellationToken);
            var message = new ChatMessage { Channel = channel, Text = text, Blocks = blocks };
            var posted = await TaggedMessages.PostOnceAsync(chat, conversations, incident, MetadataEventType, message, cancellationToken, occasion);
            where.Channel = posted.Channel;
            where.Ts = posted.Ts;
            if (posted.Found && posted.Ts is not null)
            {
                // An earlier try posted it and its answer was lost: show what is true now.
                await chat.UpdateAsync(message with { Channel = posted.Channel, Ts = posted.Ts }, cancellationToken);
            }
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken) || ex is InvalidOperationException)
        {
            logger.LogWarning("Could not show progress for incident {Number}: {Error}", incident.Number, ex.Message);
        }
    }

    public static (string Text, IReadOnlyList<Block> Blocks) Render(string heading, IReadOnlyList<ProgressLine> lines, Incident incident)
    {
        var body = string.Join('\n', lines.Select(Line));
        var links = Links(incident);
        var blocks = new List<Block> { Blocks.Section($"*{SlackMentions.Escape(heading)}*\n{body}") };
        if (links.Count > 0)
        {
            blocks.Add(Blocks.Context(string.Join(" · ", links)));
        }

        return (SlackMentions.Escape(heading), blocks);
    }

    private static string Line(ProgressLine line)
    {
        var (icon, state) = line.Working ? (":hourglass_flowing_sand:", "working") : line.Status switch
        {
            StepStatus.Done => (":white_check_mark:", "done"),
            StepStatus.Skipped => (":heavy_minus_sign:", "skipped"),
            StepStatus.Failed when line.Permanent => (":x:", "failed, the IR admins were told"),
            StepStatus.Failed => (":x:", "failed, retrying"),
            _ => (":white_small_square:", "pending"),
        };
        var error = line.Status == StepStatus.Failed && !line.Working && line.Error is not null
            ? $" — `{SlackMentions.Escape(BlockLimits.Truncate(line.Error, 150))}`"
            : string.Empty;
        return $"{icon} {SlackMentions.Escape(line.Description)}: {state}{error}";
    }

    private static List<string> Links(Incident incident)
    {
        var links = new List<string>();
        if (incident.ChannelId is not null)
        {
            links.Add($"Channel {SlackMentions.Channel(incident.ChannelId)}");
        }

        if (incident.ConfluencePageUrl is not null)
        {
            links.Add($"<{incident.ConfluencePageUrl}|Confluence page>");
        }

        if (incident.TheHiveCaseUrl is not null)
        {
            links.Add($"<{incident.TheHiveCaseUrl}|TheHive case #{incident.TheHiveCaseNumber}>");
        }

        return links;
    }
}
