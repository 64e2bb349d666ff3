using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Incidents.Steps;
using IrBot.Integrations;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace IrBot.Timeline;

/// <summary>Runs a requested publish and says in the channel how it went.</summary>
public sealed class PublishTimelineWork(TimelinePublisher publisher, ISlackChatApi chat, ISlackConversationsApi conversations, IntegrationErrors errors) : IWorkHandler
{
    public const string MetadataEventType = "irbot_timeline_published";

    public static string Kind => "timeline.publish-timeline";

    public static IReadOnlyList<string> FormerKinds => ["timeline-publish"];

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
        catch (Exception ex) when (IsPublishFailure(ex, cancellationToken))
        {
            await errors.ReportAsync("Confluence", "Publishing the timeline", incident.Number, ex, cancellationToken);
            text = ":warning: Could not publish the timeline to Confluence right now. The notes are kept and go out with the next publish.";
        }

        // Tagged with this job: a retry after a lost answer finds the post instead of saying it twice.
        await TaggedMessages.PostOnceAsync(
            chat, conversations, incident, MetadataEventType, new ChatMessage { Channel = incident.ChannelId, Text = text }, cancellationToken, "work-" + context.Item.Id.ToString(CultureInfo.InvariantCulture));
        return WorkResult.Done;
    }

    /// <summary>Confluence failed or the page could not be merged: reported and told, the notes are kept.</summary>
    public static bool IsPublishFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is TimelineMergeException || ErrorClassifier.IsExternal(ex, cancellationToken);
}
