using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Opening;

/// <summary>Sets the channel topic to the incident and its links (setting it twice is harmless).</summary>
public sealed class SetTopicStep(ISlackApi slack) : IOpeningStep
{
    public string Name => "topic";
    public string Description => "Channel topic";
    public int Order => 60;
    public bool Required => false;
    public bool IsEnabled => true;

    public Task RunAsync(OpeningContext context, CancellationToken cancellationToken) =>
        slack.SetTopicAsync(
            new SetConversationTopic
            {
                Channel = context.Incident.ChannelId ?? throw new InvalidOperationException("The channel does not exist yet"),
                Topic = IncidentMessages.Topic(context.Incident),
            },
            cancellationToken);
}
