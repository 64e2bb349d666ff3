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

/// <summary><c>/irbot pubtl</c>: publish the timeline now; the result is announced in the channel.</summary>
public sealed class PublishTimelineCommand(IrBotDbContext db, IncidentAccess access, TimelinePublisher publisher, WorkQueue work) : ISubcommand
{
    public string Name => "pubtl";
    public string Usage => "`/irbot pubtl` — publish the timeline to the incident's Confluence page now";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var check = await access.LiveIncidentToWriteTimelineAsync(
            context.ChannelId, context.UserId, ":no_entry: Only the IR team, the incident commander and the scribe can publish the timeline.", cancellationToken);
        if (!check.IsAllowed)
        {
            return CommandReply.Ephemeral(check.Refusal);
        }

        var incident = check.Incident;

        if (!publisher.Enabled)
        {
            return CommandReply.Ephemeral("Confluence is not configured, so there is nowhere to publish. The notes are kept.");
        }

        if (string.IsNullOrEmpty(incident.ConfluencePageId))
        {
            return CommandReply.Ephemeral("This incident has no Confluence page yet. The notes are kept and go out once it has one.");
        }

        work.Add(db, PublishTimelineWork.Kind, new PublishTimelineRequest(incident.Id, context.UserId), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        work.Notify();
        return CommandReply.Ephemeral(":hourglass_flowing_sand: Publishing the timeline to Confluence…");
    }
}

public sealed record PublishTimelineRequest(int IncidentId, string RequestedBy);

/// <summary>Runs a requested publish and says in the channel how it went.</summary>
public sealed class PublishTimelineWork(TimelinePublisher publisher, ISlackChatApi chat, IntegrationErrors errors) : IWorkHandler
{
    public const string Kind = "timeline-publish";
    string IWorkHandler.Kind => Kind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<PublishTimelineRequest>();
        var incident = await context.Db.Incidents.FirstOrDefaultAsync(i => i.Id == request.IncidentId, cancellationToken);
        if (incident?.ChannelId is null)
        {
            return WorkResult.Done;
        }

        string text;
        try
        {
            var result = await publisher.PublishAsync(incident, cancellationToken);
            var link = result.PageUrl is { } url ? $" <{url}|Open the page>" : string.Empty;
            text = result.Outcome switch
            {
                PublishOutcome.Published => $":white_check_mark: Timeline published to Confluence ({result.Notes} new or changed note(s)), as asked by {SlackMentions.User(request.RequestedBy)}.{link}",
                PublishOutcome.NothingNew => $":white_check_mark: The Confluence timeline is already up to date.{link}",
                _ => "The timeline could not be published: Confluence is off or the incident has no page. The notes are kept.",
            };
        }
        catch (Exception ex) when (IsPublishFailure(ex))
        {
            await errors.ReportAsync("Confluence", "Publishing the timeline", incident.Number, ex, cancellationToken);
            text = ":warning: Could not publish the timeline to Confluence right now. The notes are kept and go out with the next publish.";
        }

        await chat.PostMessageAsync(new ChatMessage { Channel = incident.ChannelId, Text = text }, cancellationToken);
        return WorkResult.Done;
    }

    public static bool IsPublishFailure(Exception ex) =>
        ex is Refit.ApiException or HttpRequestException or TimelineMergeException or Polly.CircuitBreaker.BrokenCircuitException
            or Polly.Timeout.TimeoutRejectedException;
}

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

            incidentIds = await db.Incidents
                .Where(i => i.ConfluencePageId != null && TimelinePublisher.Pending(db.TimelineNotes).Any(n => n.IncidentId == i.Id))
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
            catch (Exception ex) when (PublishTimelineWork.IsPublishFailure(ex))
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

/// <summary>Archiving: publish the timeline a last time, so the page holds every note.</summary>
public sealed class PublishTimelineArchiveStep(TimelinePublisher publisher) : IArchiveStep
{
    public string Name => "timeline";
    public string Description => "Timeline published to Confluence";
    public int Order => 40;
    public bool Required => false;
    public bool IsEnabled => publisher.Enabled;

    public Task RunAsync(ArchiveContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(context.Incident, cancellationToken);
}
