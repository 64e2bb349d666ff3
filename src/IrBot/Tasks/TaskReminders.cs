using System.Text;
using IrBot.Admin;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Integrations;
using IrBot.Integrations.Jira;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>
/// Every period: a reminder DM to the owner of each open, unmuted task of an active incident, and one
/// report to the admin channel with a Jira search link per incident. Each reminder is claimed first
/// (a unique row per task and period), so two instances, or two schedulers, never send it twice.
/// </summary>
/// <remarks>
/// The DMs go out from <see cref="TaskOptions.ReminderConcurrency"/> senders at once, one owner per sender at a time
/// (<see cref="ReminderQueue"/>: the owner with the most left first), so an owner with many tasks (whose DM Slack takes
/// about one message a second) or whose DM is rate limited never holds back the others; the workspace's pace is kept
/// by the Slack client's pacing. Only the task ids are
/// held; each task is read again just before its reminder, so one resolved or muted meanwhile is skipped.
/// </remarks>
public sealed class TaskReminders(
    IrBotDbContext db,
    IServiceScopeFactory scopes,
    AdminChannel admin,
    IntegrationErrors errors,
    IOptions<JiraOptions> jira,
    IOptions<TaskOptions> options,
    TaskReminderPeriod period,
    TimeProvider time,
    ILogger<TaskReminders> logger)
{
    public const string AdminReportSubject = "admin-report";
    private const string Operation = "sending task reminders";
    private const int ReportLength = 3900;

    /// <summary>Sends what this period still owes; returns how many task reminders this call sent.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var periodStart = new DateTime(now.Ticks - (now.Ticks % period.Value.Ticks), DateTimeKind.Utc);
        // A task that was just assigned has its assignment DM; its first reminder waits.
        var assignedBefore = now - (period.Value / 2);

        var queue = await DueByOwnerAsync(assignedBefore, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new ReminderRun(periodStart, queue, stop);
        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Value.ReminderConcurrency, queue.Owners))
            .Select(_ => SendInTurnAsync(run, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();

        if (!run.Stopped && await OpenTasks().AnyAsync(cancellationToken) && await ClaimAsync(db, AdminReportSubject, periodStart, cancellationToken))
        {
            await admin.PostAsync(await AdminReportAsync(cancellationToken), cancellationToken: cancellationToken);
        }

        logger.LogInformation(
            "Task reminders for the period from {PeriodStart:o}: {Sent} sent, {Failed} failed{Stopped}",
            periodStart, run.Sent, run.Failed, run.Stopped ? ", stopped by a permanent error" : string.Empty);
        return run.Sent;
    }

    /// <summary>Open tasks of active incidents (resolved tasks and other incidents' are never reminded).</summary>
    private IQueryable<IncidentTask> OpenTasks()
    {
        var incidents = db.Incidents;
        return db.Tasks.AsNoTracking().Where(t => t.Status != IncidentTaskStatus.Resolved
            && incidents.Any(i => i.Id == t.IncidentId && i.Status == IncidentStatus.Active));
    }

    /// <summary>The ids of the tasks due a reminder, by owner (a few bytes each, however many there are).</summary>
    private async Task<ReminderQueue> DueByOwnerAsync(DateTime assignedBefore, CancellationToken cancellationToken)
    {
        var queue = new ReminderQueue();
        var due = OpenTasks().Where(t => !t.Muted && t.CreatedAt <= assignedBefore).OrderBy(t => t.Id).Select(t => new { t.Id, t.OwnerId });
        await foreach (var task in due.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            queue.Add(task.OwnerId, task.Id);
        }

        return queue.Ready();
    }

    /// <summary>One sender: takes the next owner in turn, sends that owner's next reminder, puts the owner back.</summary>
    private async Task SendInTurnAsync(ReminderRun run, CancellationToken cancellationToken)
    {
        // Its own context and clients: the senders run side by side.
        await using var scope = scopes.CreateAsyncScope();
        var senderDb = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var dm = scope.ServiceProvider.GetRequiredService<TaskDm>();
        while (!run.Stopped && run.Queue.TryTake(out var turn))
        {
            var taskId = turn.Tasks.Dequeue();
            try
            {
                if (await RemindAsync(senderDb, dm, run, taskId))
                {
                    run.CountSent();
                }
            }
            catch (OperationCanceledException) when (run.Stopped && !cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ErrorClassifier.IsExternal(ex, run.Token))
            {
                run.CountFailed();
                logger.LogWarning("Reminding {Owner} of task {TaskId} failed: {Error}", turn.Owner, taskId, IntegrationErrors.Describe(ex));
                if (ForEveryone(ex))
                {
                    // The token or its scopes: no other reminder can go either. Said once, by the first sender to meet it.
                    if (run.Stop())
                    {
                        await errors.ReportAsync("Slack", Operation + " (stopped until the next period)", null, ex, cancellationToken);
                    }

                    return;
                }

                await errors.ReportAsync("Slack", Operation, null, ex, cancellationToken);
                if (ForThisOwner(ex))
                {
                    // The owner's DM cannot be reached: their other reminders would fail alike.
                    continue;
                }
            }

            run.Queue.Return(turn);
        }
    }

    /// <summary>True when the reminder went out; false when the task no longer needs one or was reminded already.</summary>
    private async Task<bool> RemindAsync(IrBotDbContext senderDb, TaskDm dm, ReminderRun run, int taskId)
    {
        var due = await (
            from t in senderDb.Tasks.AsNoTracking()
            where t.Id == taskId && t.Status != IncidentTaskStatus.Resolved && !t.Muted
            join i in senderDb.Incidents.AsNoTracking() on t.IncidentId equals i.Id
            where i.Status == IncidentStatus.Active
            select new { Task = t, Incident = i }).FirstOrDefaultAsync(run.Token);
        if (due is null || !await ClaimAsync(senderDb, $"task:{taskId}", run.PeriodStart, run.Token))
        {
            return false;
        }

        await dm.PostAsync(due.Task, due.Incident, reminder: true, run.Token);
        return true;
    }

    private static bool ForEveryone(Exception error) =>
        ErrorClassifier.Classify(error) == ErrorKind.Permanent && !ForThisOwner(error);

    // Only what is about this owner's DM: a revoked token or a missing scope met while opening it is still everyone's.
    private static bool ForThisOwner(Exception error) =>
        error is SlackApiException slack && (slack.CannotReachUser || slack.Error is "channel_not_found" or "not_in_channel");

    /// <summary>Each incident with open tasks, its counts and its tasks' lines, as far as one message holds.</summary>
    private async Task<string> AdminReportAsync(CancellationToken cancellationToken)
    {
        var counts = await OpenTasks()
            .GroupBy(t => t.IncidentId)
            .Select(g => new { IncidentId = g.Key, Open = g.Count(), NotStarted = g.Count(t => t.Status == IncidentTaskStatus.Open), Muted = g.Count(t => t.Muted) })
            .ToDictionaryAsync(c => c.IncidentId, cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Active).OrderBy(i => i.Number).ToListAsync(cancellationToken);

        var text = new StringBuilder(":alarm_clock: *Open tasks*");
        foreach (var incident in incidents)
        {
            if (text.Length > ReportLength || !counts.TryGetValue(incident.Id, out var count))
            {
                continue;
            }

            var channel = incident.ChannelId is null ? string.Empty : $" {SlackMentions.Channel(incident.ChannelId)}";
            text.Append($"\n\n*Incident {incident.Number}*: {SlackMentions.Escape(incident.Title)}{channel} — {count.Open} open, {count.NotStarted} not started, {count.Muted} muted");
            if (jira.Value.Enabled)
            {
                text.Append($" — <{jira.Value.OpenIssuesUrl(JiraTasks.ChannelLabel(incident))}|open tasks in Jira>");
            }

            // Read only as far as the message goes.
            var tasks = OpenTasks().Where(t => t.IncidentId == incident.Id).OrderBy(t => t.Id).AsAsyncEnumerable();
            await foreach (var task in tasks.WithCancellation(cancellationToken))
            {
                text.Append('\n').Append(TaskMessages.SummaryLine(task)).Append(task.Muted ? " _(muted)_" : string.Empty);
                if (text.Length > ReportLength)
                {
                    break;
                }
            }
        }

        return BlockLimits.Truncate(text.ToString(), ReportLength);
    }

    /// <summary>True for the one caller that inserts the row; false when someone already has.</summary>
    private async Task<bool> ClaimAsync(IrBotDbContext context, string subject, DateTime periodStart, CancellationToken cancellationToken)
    {
        var claim = new ReminderClaim { Subject = subject, PeriodStart = periodStart, ClaimedAt = time.GetUtcNow().UtcDateTime };
        context.ReminderClaims.Add(claim);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            context.Entry(claim).State = EntityState.Detached;
        }
    }
}
