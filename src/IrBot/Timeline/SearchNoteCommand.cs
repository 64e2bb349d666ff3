using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Timeline;

/// <summary><c>/irbot searchnote [words or id]</c>: the scribe's list of notes, each with an Edit button.</summary>
public sealed class SearchNoteCommand(IrBotDbContext db, IncidentAccess access) : ISubcommand
{
    public const int MaxResults = 10;
    public static string Name => "searchnote";
    public static string Usage => "`/irbot searchnote [words or note id]` — find timeline notes to edit or delete (scribe, commander, IR team)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var check = await access.LiveIncidentToWriteTimelineAsync(context.ChannelId, context.UserId, TimelineAccess.Refused, cancellationToken);
        if (!check.IsAllowed)
        {
            return CommandReply.Ephemeral(check.Refusal);
        }

        var incident = check.Incident;

        var query = db.TimelineNotes.Where(n => n.IncidentId == incident.Id && !n.Deleted);
        var terms = SlackMentions.Unescape(context.Arguments.Trim());
        if (long.TryParse(terms.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            query = query.Where(n => n.Id == id);
        }
        else
        {
            foreach (var word in terms.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pattern = "%" + word.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                query = query.Where(n => EF.Functions.Like(n.Text.ToLower(), pattern, "\\"));
            }
        }

        var notes = await query.OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id).Take(MaxResults).ToListAsync(cancellationToken);
        if (notes.Count == 0)
        {
            return CommandReply.Ephemeral(terms.Length == 0 ? "This incident has no timeline notes yet." : $"No timeline note matches `{SlackMentions.Escape(terms)}`.");
        }

        var blocks = new List<Block> { Blocks.Section(terms.Length == 0 ? "*Latest timeline notes*" : $"*Timeline notes matching* `{SlackMentions.Escape(terms)}`") };
        blocks.AddRange(notes.Select(n => (Block)Blocks.Section(
            $"*{n.Id.ToString(CultureInfo.InvariantCulture)}* · {TimelineMerge.FormatTime(n.OccurredAt)} UTC · {SlackMentions.User(n.AuthorId)}\n{SlackMentions.Escape(n.Text)}",
            ButtonElement.Of(EditNoteButton.Id, "Edit", n.Id.ToString(CultureInfo.InvariantCulture)))));
        return CommandReply.Ephemeral($"{notes.Count} timeline note(s)", blocks);
    }
}
