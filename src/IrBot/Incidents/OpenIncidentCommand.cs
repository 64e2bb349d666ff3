using IrBot.Slack.Payloads;
using IrBot.Data;
using IrBot.Incidents.Opening;
using IrBot.IrTeam;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents;

/// <summary>
/// <c>/irbot incident [title]</c>: records the incident and queues its opening in one transaction,
/// then answers; <see cref="OpenIncidentWork"/> does the Slack (and later Confluence, TheHive) work.
/// </summary>
public sealed class OpenIncidentCommand(
    IrBotDbContext db,
    IncidentAccess access,
    WorkQueue work,
    NumberAllocator numbers,
    TimeProvider time,
    ILogger<OpenIncidentCommand> logger) : ISubcommand
{
    public const int MaxTitleLength = 150;
    public const string DefaultTitle = "Major incident";

    public static string Name => "incident";
    public static string Usage => "`/irbot incident [title]` — open a major incident: channel, IR team, page and case (IR team)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await access.IsIrTeamAsync(context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(":no_entry: Only the IR team can open an incident. Ask someone on the IR team to run `/irbot incident`.");
        }

        // Stored as typed: Confluence, TheHive and Jira get "R&D", not Slack's "R&amp;D".
        var title = SlackMentions.Unescape(context.Arguments.Trim());
        if (title.Length > MaxTitleLength)
        {
            return CommandReply.Ephemeral($"That title is {title.Length} characters long; keep it to {MaxTitleLength}.");
        }

        if (title.Length == 0)
        {
            title = DefaultTitle;
        }

        var incident = await RecordAsync(title, context, cancellationToken);
        logger.LogInformation("Incident {Number} requested by {UserId}", incident.Number, context.UserId);
        return CommandReply.Ephemeral($":hourglass_flowing_sand: Opening incident {incident.Number}: {SlackMentions.Escape(title)}. You will be invited to its channel in a moment.");
    }

    private Task<Incident> RecordAsync(string title, CommandContext context, CancellationToken cancellationToken) =>
        RecordAsync(db, work, numbers, time, title, context.UserId, context.ChannelId, context.Command.ResponseUrl, null, cancellationToken);

    /// <summary>
    /// Records an incident and queues its opening (<see cref="OpenIncidentWork"/>) in one transaction; also the
    /// way a workflow's <c>open_incident</c> action opens one. <paramref name="beforeCommit"/> lets the caller
    /// save its own link to the incident in the same transaction.
    /// </summary>
    public static async Task<Incident> RecordAsync(
        IrBotDbContext db, WorkQueue work, NumberAllocator numbers, TimeProvider time, string title, string requestedBy, string? requestChannelId, string? responseUrl,
        Action<Incident>? beforeCommit, CancellationToken cancellationToken)
    {
        // The number is max+1, never one another opening of this process holds (NumberAllocator); another instance
        // can still take it first, so try again on the unique index.
        for (var attempt = 1; ; attempt++)
        {
            // Incident numbers are int; a sequence of more than two billion incidents is not a concern.
            using var reservation = numbers.Begin(NumberAllocator.Incidents);
            var number = checked((int)reservation.Take(await db.Incidents.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0));
            var incident = new Incident
            {
                Number = number,
                Title = title,
                Status = IncidentStatus.Opening,
                RequestedBy = requestedBy,
                RequestChannelId = requestChannelId,
                OpenedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Incidents.Add(incident);
            // A command's reply promised the channel: a failure notice replaces that reply rather than leave it standing.
            var requester = new WorkRequester(requestedBy, $"the opening of incident {number}: {title}", responseUrl, ReplacesReply: responseUrl is not null);
            var item = work.Add(db, OpenIncidentWork.Kind, new OpenIncidentRequest(responseUrl), requester: requester);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                item.IncidentId = incident.Id;
                beforeCommit?.Invoke(incident);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return incident;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Forget only this attempt's rows: the caller's tracked entities stay tracked.
                db.Entry(incident).State = EntityState.Detached;
                db.Entry(item).State = EntityState.Detached;
            }
        }
    }
}

public sealed record OpenIncidentRequest(string? ResponseUrl);
