using IrBot.Data;
using IrBot.Incidents;
using IrBot.Slack.Payloads;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Timeline;

/// <summary>
/// Notes stored before text was decoded at intake hold Slack's escaping (<c>&amp;amp;</c>, <c>&amp;lt;</c>,
/// <c>&amp;gt;</c>), which the page then shows as typed entities. Decoded once (<see cref="DataFixes"/> records it),
/// so an <c>&amp;amp;</c> someone types later stays as typed. It ships with decoding at intake: every note in
/// the database when it first runs was stored escaped. A note of a live incident that had already reached the
/// page is marked changed, so the next publish replaces its row; closed incidents' pages are left as archived.
/// </summary>
public sealed class UnescapeOldNotes(TimeProvider time) : IDataFix
{
    public string Name => "timeline-notes-unescape-slack-text";

    public async Task<int> ApplyAsync(IrBotDbContext db, CancellationToken cancellationToken)
    {
        var live = db.Incidents.Where(LiveIncident.Rule).Select(i => i.Id);
        var notes = await db.TimelineNotes.Where(n => EF.Functions.Like(n.Text, "%&%")).ToListAsync(cancellationToken);
        var liveIds = (await live.ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var note in notes)
        {
            var text = SlackMentions.Unescape(note.Text);
            if (text == note.Text)
            {
                continue;
            }

            note.Text = text;
            if (note.PublishedAt is not null && liveIds.Contains(note.IncidentId))
            {
                note.UpdatedAt = now;
            }

            changed++;
        }

        return changed;
    }
}
