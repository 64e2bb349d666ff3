using System.Globalization;
using IrBot.Data;
using IrBot.SlackApp;
using IrBot.Work;
using IrBot.Workflows.Sets;
using IrBot.Workflows.Triggers;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>
/// A channel message (Events API <c>message</c>, from <c>message.channels</c> and <c>message.groups</c>)
/// starts the workflows whose triggers match. Only plain messages by people count: no subtype (edits,
/// deletions, joins, bot messages), no <c>bot_id</c>, not ours. The instance is unique on the workflow and
/// the message (channel, ts), so a message seen twice starts one instance. Instance numbers come from
/// <see cref="NumberAllocator"/> (one sequence per workflow), so messages handled at once get distinct numbers without colliding.
/// </summary>
public sealed class MessageTriggerHandler(
    IrBotDbContext db,
    WorkflowCatalog catalog,
    SlackWorkspace workspace,
    WorkQueue work,
    NumberAllocator numbers,
    ILogger<MessageTriggerHandler> logger) : ISlackEventHandler
{
    public static string EventType => "message";

    public async Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken)
    {
        var message = context.Event;
        if (message.Subtype is not null || message.BotId is not null || message.User is not { Length: > 0 } user
            || user == context.BotUserId || message.Channel is not { Length: > 0 } channel
            || message.Ts is not { Length: > 0 } ts || string.IsNullOrEmpty(message.Text))
        {
            return;
        }

        var set = await catalog.ActiveAsync(db, cancellationToken);
        if (set is null || set.Workflows.Count == 0) return;

        // Slack's team and channel lookups only when some trigger filters on them.
        var triggers = set.Workflows.SelectMany(w => w.Triggers).ToList();
        IReadOnlyCollection<string> teams = triggers.Any(t => t.TeamName is not null) ? await workspace.TeamNamesAsync(cancellationToken) : [];
        var channelName = triggers.Any(t => t.ChannelName is not null) ? await workspace.ChannelNameAsync(channel, cancellationToken) : channel;
        var scan = WorkflowTriggers.Find(set.Workflows, new TriggerMessage(message.Text, teams, channelName, channel));
        foreach (var timedOut in scan.TimedOut)
        {
            logger.LogWarning("workflow {Workflow}: trigger {Trigger}'s match_regex timed out on a message in {Channel}", timedOut.Workflow.Name, timedOut.Trigger.Name, channel);
        }

        foreach (var match in scan.Matches)
        {
            await StartAsync(set, match, channel, channelName, user, ts, message.Text, cancellationToken);
        }
    }

    private async Task StartAsync(
        WorkflowSet set, TriggerMatch match, string channel, string channelName, string user, string ts, string text, CancellationToken cancellationToken)
    {
        var name = match.Workflow.Name;
        for (var attempt = 1; ; attempt++)
        {
            if (await db.WorkflowInstances.AnyAsync(i => i.WorkflowName == name && i.TriggerChannelId == channel && i.TriggerTs == ts, cancellationToken))
            {
                logger.LogInformation("workflow {Workflow}: message {Ts} in {Channel} already started an instance", name, ts, channel);
                return;
            }

            using var reservation = numbers.Begin(Sequence(name));
            var number = reservation.Take(await db.WorkflowInstances.Where(i => i.WorkflowName == name).MaxAsync(i => (long?)i.Number, cancellationToken) ?? 0);
            var instance = new WorkflowInstance
            {
                WorkflowName = name,
                Number = number,
                SetVersionId = set.VersionId,
                TriggerName = match.Trigger.Name,
                TriggerChannelId = channel,
                TriggerChannelName = channelName,
                TriggerUserId = user,
                TriggerTs = ts,
                TriggerText = text.Length > 40000 ? text[..40000] : text,
                CurrentStep = match.Workflow.FirstStep.Name,
                StepEntry = 1,
                Phase = StepPhase.Start,
                Status = WorkflowInstanceStatus.Running,
                StartedAt = MessageTime(ts),
            };
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.WorkflowInstances.Add(instance);
                await db.SaveChangesAsync(cancellationToken);
                work.Add(db, RunInstanceWork.Kind, new RunInstanceRequest(instance.Id));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("workflow {Workflow}: instance {Number} started by trigger {Trigger} in {Channel}", name, number, match.Trigger.Name, channel);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another IR Bot instance took the number, or the same message was being handled twice: look again.
                logger.LogDebug("workflow {Workflow}: instance {Number} could not be stored (taken meanwhile?); trying again", name, number);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The numbering of one workflow's instances.</summary>
    public static string Sequence(string workflowName) => "workflow:" + workflowName;

    /// <summary>A message ts is Unix seconds with microseconds: the time the message was written.</summary>
    public static DateTime MessageTime(string ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : DateTime.UnixEpoch;
}
