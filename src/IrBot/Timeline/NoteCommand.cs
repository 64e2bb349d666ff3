using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Slack.Payloads;
using IrBot.IrTeam;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Timeline;

/// <summary>
/// <c>/note text</c>: the hot path of an incident. One lookup, one insert, the reply; names are resolved
/// and the page updated later, when the timeline is published.
/// </summary>
public sealed class NoteCommand(IrBotDbContext db, IncidentAccess access, TimeProvider time) : ISubcommand
{
    /// <summary>Slack's limit for a text box, so every note can be edited in the modal.</summary>
    public const int MaxLength = 3000;
    public static string Name => "/note";
    public static string Usage => "`/note text` — add a note to the incident timeline (IR team, commander, scribe)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // Stored as typed (Slack's &amp; &lt; &gt; undone once here); escaped again on the way out.
        var text = SlackMentions.Unescape(context.Arguments.Trim());
        if (text.Length == 0)
        {
            return CommandReply.Ephemeral("Usage: `/note what happened` — adds a line to the incident timeline, with your name and the time (UTC).");
        }

        if (text.Length > MaxLength)
        {
            return CommandReply.Ephemeral($"That note is {text.Length} characters long; a note can have at most {MaxLength}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var noteId = await InsertIfAllowedAsync(context, text, now, cancellationToken);
        if (noteId is null)
        {
            // Not stored: say why (the slower, rare path).
            var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
            return CommandReply.Ephemeral(incident is null ? IncidentLookup.NotAnIncidentChannel : TimelineAccess.Refused);
        }

        return CommandReply.Ephemeral(
            $":memo: Noted as note {noteId.Value.ToString(CultureInfo.InvariantCulture)} at {TimelineMerge.FormatTime(now)} UTC. It goes to the Confluence timeline at the next publish (`/irbot pubtl` to publish now).");
    }

    /// <summary>
    /// The hot path in one round trip: the note is inserted only when the channel is a live incident's and
    /// the person is on the IR team (known in memory) or is its commander or scribe — the rule of
    /// <see cref="IncidentAccess.CanWriteTimelineAsync"/>, written in SQL here; change both together. Null: nothing stored.
    /// Plain SQL (valid for PostgreSQL and SQLite, names as the model maps them) because a lookup then an
    /// insert through the change tracker doubled the cost of the busiest command.
    /// </summary>
    private async Task<long?> InsertIfAllowedAsync(CommandContext context, string text, DateTime now, CancellationToken cancellationToken)
    {
        var irMember = await access.IsIrTeamAsync(context.UserId, cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"""
                INSERT INTO timeline_notes (incident_id, author_id, "text", occurred_at, created_at, updated_at, deleted)
                SELECT i.id, @user, @text, @now, @now, @now, FALSE
                FROM incidents i
                WHERE i.channel_id = @channel AND i.status IN ({LiveIncident.SqlStatuses})
                  AND (@irMember OR i.commander_id = @user OR i.scribe_id = @user)
                RETURNING id
                """;
            Add(command, "@user", context.UserId);
            Add(command, "@text", text);
            Add(command, "@now", now);
            Add(command, "@channel", context.ChannelId);
            Add(command, "@irMember", irMember);
            var id = await command.ExecuteScalarAsync(cancellationToken);
            return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
