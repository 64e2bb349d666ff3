using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Slack.Payloads;
using IrBot.IrTeam;
using IrBot.SlackApp;

namespace IrBot.Timeline;

/// <summary>
/// <c>/note text</c>: the hot path of an incident. One insert and the reply, on a pooled connection without a
/// DbContext; names are resolved and the page updated later, when the timeline is published.
/// </summary>
public sealed class NoteCommand(DirectConnections connections, IrTeamDirectory irTeam, TimeProvider time) : ISubcommand
{
    /// <summary>Slack's limit for a text box, so every note can be edited in the modal.</summary>
    public const int MaxLength = 3000;
    public static string Name => "/note";
    public static string Usage => "`/note text` — add a note to the incident timeline (IR team, commander, scribe)";

    // Plain SQL, valid for PostgreSQL and SQLite, names as the model maps them; $1 user, $2 text, $3 now, $4 channel,
    // $5 whether the user is on the IR team. The rule is
    // IncidentAccess.CanWriteTimelineAsync's (the IR team, known in memory, or the incident's commander or scribe)
    // on the incident LiveIncident names; change them together.
    private static readonly string InsertSql =
        $"""
        INSERT INTO timeline_notes (incident_id, author_id, "text", occurred_at, created_at, updated_at, deleted)
        SELECT i.id, $1, $2, $3, $3, $3, FALSE
        FROM incidents i
        WHERE i.channel_id = $4 AND i.status IN ({LiveIncident.SqlStatuses})
          AND ($5 OR i.commander_id = $1 OR i.scribe_id = $1)
        RETURNING id
        """;

    private static readonly string LiveIncidentSql =
        $"SELECT 1 FROM incidents WHERE channel_id = $1 AND status IN ({LiveIncident.SqlStatuses}) LIMIT 1";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // Stored as typed (Slack's &amp; &lt; &gt; undone once here); escaped again on the way out.
        var text = SlackMentions.Unescape(context.Arguments);
        if (text.Length == 0)
        {
            return CommandReply.Ephemeral("Usage: `/note what happened` — adds a line to the incident timeline, with your name and the time (UTC).");
        }

        if (text.Length > MaxLength)
        {
            return CommandReply.Ephemeral($"That note is {text.Length} characters long; a note can have at most {MaxLength}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var irMember = await irTeam.IsMemberAsync(context.UserId, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        long? noteId;
        await using (var insert = connections.CreateCommand(connection, InsertSql, context.UserId, text, now, context.ChannelId, irMember))
        {
            // Null: nothing stored (not a live incident's channel, or the person may not write its timeline).
            noteId = await insert.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id, CultureInfo.InvariantCulture) : null;
        }

        if (noteId is null)
        {
            // Say why (the slower, rare path).
            await using var live = connections.CreateCommand(connection, LiveIncidentSql, context.ChannelId);
            return CommandReply.Ephemeral(await live.ExecuteScalarAsync(cancellationToken) is not (null or DBNull)
                ? TimelineAccess.Refused
                : IncidentLookup.NotAnIncidentChannel);
        }

        return CommandReply.Ephemeral(
            $":memo: Noted as note {noteId.Value.ToString(CultureInfo.InvariantCulture)} at {TimelineMerge.FormatTime(now)} UTC. It goes to the Confluence timeline at the next publish (`/irbot pubtl` to publish now).");
    }
}
