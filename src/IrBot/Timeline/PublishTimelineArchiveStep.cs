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
