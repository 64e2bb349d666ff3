using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.SlackApp;

namespace IrBot.Timeline;

/// <summary>
/// <c>/note text</c>: the hot path of an incident. One lookup, one insert, the reply; names are resolved
/// and the page updated later, when the timeline is published.
/// </summary>
public sealed class NoteCommand(IrBotDbContext db, IrTeamDirectory irTeam, TimeProvider time) : ISubcommand
{
    public const int MaxLength = 4000;
    public string Name => "/note";
    public string Usage => "`/note text` — add a note to the incident timeline (IR team, commander, scribe)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var text = context.Arguments.Trim();
        if (text.Length == 0)
        {
            return CommandReply.Ephemeral("Usage: `/note what happened` — adds a line to the incident timeline, with your name and the time (UTC).");
        }

        if (text.Length > MaxLength)
        {
            return CommandReply.Ephemeral($"That note is {text.Length} characters long; a note can have at most {MaxLength}.");
        }

        var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
        if (incident is null)
        {
            return CommandReply.Ephemeral(IncidentLookup.NotAnIncidentChannel);
        }

        if (!await TimelineAccess.CanWriteAsync(irTeam, incident, context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(TimelineAccess.Refused);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var note = new TimelineNote
        {
            IncidentId = incident.Id,
            AuthorId = context.UserId,
            Text = text,
            OccurredAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.TimelineNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return CommandReply.Ephemeral(
            $":memo: Noted as note {note.Id.ToString(CultureInfo.InvariantCulture)} at {TimelineMerge.FormatTime(now)} UTC. It goes to the Confluence timeline at the next publish (`/irbot pubtl` to publish now).");
    }
}
