using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Timeline;

/// <summary>
/// The "Add to timeline" message shortcut: the message (top level or in a thread) becomes a note with its
/// own author and time. The unique index on (incident, message ts) makes the same message one note.
/// </summary>
public sealed class AddToTimelineShortcut(
    IrBotDbContext db,
    IncidentAccess access,
    ClickerReplies replies,
    TimeProvider time,
    ILogger<AddToTimelineShortcut> logger) : IShortcutHandler
{
    public const string Id = "add_to_timeline";
    public static string CallbackId => Id;

    public async Task HandleAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var clicker = payload.User?.Id;
        var channelId = payload.Channel?.Id;
        var message = payload.Message;
        var ts = message?.Ts ?? payload.MessageTs;
        if (clicker is null || channelId is null || ts is null || message is null)
        {
            logger.LogWarning("Add to timeline without user, channel or message");
            return;
        }

        var incident = await db.LiveInChannelAsync(channelId, cancellationToken);
        if (incident is null)
        {
            await replies.TellAsync(payload, "\"Add to timeline\" works on messages in an incident channel (`ir-…`); this channel is not one.", cancellationToken);
            return;
        }

        if (!await access.CanWriteTimelineAsync(incident, clicker, cancellationToken))
        {
            await replies.TellAsync(payload, TimelineAccess.Refused, cancellationToken);
            return;
        }

        var existing = await FindAsync(incident.Id, ts, cancellationToken);
        if (existing is not null)
        {
            await replies.TellAsync(payload, $":memo: That message is already in the timeline as note {existing.Id.ToString(CultureInfo.InvariantCulture)}.", cancellationToken);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var note = new TimelineNote
        {
            IncidentId = incident.Id,
            AuthorId = message.User ?? message.BotId ?? clicker,
            Text = TextOf(message),
            OccurredAt = TimeOfTs(ts) ?? now,
            CreatedAt = now,
            UpdatedAt = now,
            SourceMessageTs = ts,
        };
        db.TimelineNotes.Add(note);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two clicks raced: the other one stored it.
            db.ChangeTracker.Clear();
            note = await FindAsync(incident.Id, ts, cancellationToken) ?? throw new InvalidOperationException("Note insert failed", null);
        }

        await replies.TellAsync(
            payload,
            $":memo: Added to the timeline as note {note.Id.ToString(CultureInfo.InvariantCulture)} ({TimelineMerge.FormatTime(note.OccurredAt)} UTC, by <@{note.AuthorId}>).",
            cancellationToken);
    }

    private Task<TimelineNote?> FindAsync(int incidentId, string ts, CancellationToken cancellationToken) =>
        db.TimelineNotes.FirstOrDefaultAsync(n => n.IncidentId == incidentId && n.SourceMessageTs == ts, cancellationToken);

    private static string TextOf(SlackMessage message)
    {
        var text = SlackMentions.Unescape(message.Text?.Trim() ?? string.Empty);
        if (message.Files is { ValueKind: System.Text.Json.JsonValueKind.Array } files && files.GetArrayLength() > 0)
        {
            text = (text + $" [{files.GetArrayLength()} file(s) in Slack]").Trim();
        }

        return text.Length == 0 ? "(message without text)" : text;
    }

    /// <summary>A Slack ts ("1583636382.000300") is seconds and microseconds since the epoch.</summary>
    public static DateTime? TimeOfTs(string ts)
    {
        var parts = ts.Split('.');
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var micros = parts.Length > 1 && long.TryParse(parts[1].PadRight(6, '0')[..6], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        return DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(micros * 10);
    }
}
