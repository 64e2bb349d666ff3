using IrBot.Slack.BlockKit;
using System.Text;
using IrBot.Admin;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Integrations;
using IrBot.Integrations.Jira;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace IrBot.Tasks;

/// <summary>
/// Every period: a reminder DM to the owner of each open, unmuted task of an active incident, and one
/// report to the admin channel with a Jira search link per incident. Each reminder is claimed first
/// (a unique row per task and period), so two instances, or two schedulers, never send it twice.
/// </summary>
public sealed class TaskReminders(
    IrBotDbContext db,
    TaskDm dm,
    AdminChannel admin,
    IntegrationErrors errors,
    IOptions<JiraOptions> jira,
    TaskReminderPeriod period,
    TimeProvider time,
    ILogger<TaskReminders> logger)
{
    public const string AdminReportSubject = "admin-report";

    /// <summary>Sends what this period still owes; returns how many task reminders this call sent.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var periodStart = new DateTime(now.Ticks - (now.Ticks % period.Value.Ticks), DateTimeKind.Utc);
        // A task that was just assigned has its assignment DM; its first reminder waits.
        var assignedBefore = now - (period.Value / 2);

        var incidents = await db.Incidents.Where(i => i.Status == IncidentStatus.Active).OrderBy(i => i.Number).ToListAsync(cancellationToken);
        var incidentIds = incidents.Select(i => i.Id).ToList();
        var open = await db.Tasks
            .Where(t => incidentIds.Contains(t.IncidentId) && t.Status != IncidentTaskStatus.Resolved)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var task in open.Where(t => !t.Muted && t.CreatedAt <= assignedBefore))
        {
            if (!await ClaimAsync($"task:{task.Id}", periodStart, cancellationToken))
            {
                continue;
            }

            var incident = incidents.First(i => i.Id == task.IncidentId);
            try
            {
                await dm.PostAsync(task, incident, reminder: true, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
            {
                await errors.ReportAsync("Slack", $"reminding {task.OwnerId} of {task.ShortId}", incident.Number, ex, cancellationToken);
            }
        }

        if (open.Count > 0 && await ClaimAsync(AdminReportSubject, periodStart, cancellationToken))
        {
            await admin.PostAsync(AdminReport(incidents, open), cancellationToken: cancellationToken);
        }

        logger.LogInformation("Task reminders for the period from {PeriodStart:o}: {Sent} sent", periodStart, sent);
        return sent;
    }

    private string AdminReport(IReadOnlyList<Incident> incidents, IReadOnlyList<IncidentTask> open)
    {
        var text = new StringBuilder(":alarm_clock: *Open tasks*");
        foreach (var incident in incidents)
        {
            var tasks = open.Where(t => t.IncidentId == incident.Id).ToList();
            if (tasks.Count == 0)
            {
                continue;
            }

            var notStarted = tasks.Count(t => t.Status == IncidentTaskStatus.Open);
            var muted = tasks.Count(t => t.Muted);
            var channel = incident.ChannelId is null ? string.Empty : $" {SlackMentions.Channel(incident.ChannelId)}";
            text.Append($"\n\n*Incident {incident.Number}*: {SlackMentions.Escape(incident.Title)}{channel} — {tasks.Count} open, {notStarted} not started, {muted} muted");
            if (jira.Value.Enabled)
            {
                text.Append($" — <{jira.Value.OpenIssuesUrl(JiraTasks.ChannelLabel(incident))}|open tasks in Jira>");
            }

            foreach (var task in tasks)
            {
                text.Append('\n').Append(TaskMessages.SummaryLine(task)).Append(task.Muted ? " _(muted)_" : string.Empty);
            }
        }

        return BlockLimits.Truncate(text.ToString(), 3900);
    }

    /// <summary>True for the one caller that inserts the row; false when someone already has.</summary>
    private async Task<bool> ClaimAsync(string subject, DateTime periodStart, CancellationToken cancellationToken)
    {
        var claim = new ReminderClaim { Subject = subject, PeriodStart = periodStart, ClaimedAt = time.GetUtcNow().UtcDateTime };
        db.ReminderClaims.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(claim).State = EntityState.Detached;
            return false;
        }
    }
}
