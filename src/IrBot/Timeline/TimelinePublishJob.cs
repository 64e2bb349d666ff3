using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Integrations;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace IrBot.Timeline;

/// <summary>Every <c>Schedules:TimelinePublish</c>: publishes each incident that has unpublished notes.</summary>
public sealed class TimelinePublishJob(IServiceScopeFactory scopes, IntegrationErrors errors, ILogger<TimelinePublishJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        List<int> incidentIds;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            if (!scope.ServiceProvider.GetRequiredService<TimelinePublisher>().Enabled)
            {
                return;
            }

            var notes = db.TimelineNotes; // outside the expression tree, which cannot hold an extension property
            incidentIds = await db.Incidents
                .Where(i => i.ConfluencePageId != null && TimelinePublisher.Pending(notes).Any(n => n.IncidentId == i.Id))
                .Select(i => i.Id)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in incidentIds)
        {
            // One scope per incident: a failure on one page does not hold up the others.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            var incident = await db.Incidents.FirstAsync(i => i.Id == id, cancellationToken);
            try
            {
                await scope.ServiceProvider.GetRequiredService<TimelinePublisher>().PublishAsync(incident, cancellationToken);
            }
            catch (Exception ex) when (PublishTimelineWork.IsPublishFailure(ex, cancellationToken))
            {
                await errors.ReportAsync("Confluence", "Publishing the timeline", incident.Number, ex, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Publishing the timeline of incident {Incident} failed", incident.Number);
            }
        }
    }
}
