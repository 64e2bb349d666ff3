using IrBot.Incidents.Steps;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Archiving;

/// <summary>Posts the closing message, tagged so that a resumed archive finds it instead of posting it again.</summary>
public sealed class ClosingMessageStep(ISlackChatApi chat, ISlackConversationsApi conversations) : IArchiveStep
{
    public const string MetadataEventType = "irbot_incident_closed";

    public string Name => "closing-message";
    public string Description => "Closing message";
    public int Order => 80;

    // Once the channel is archived nothing can be posted, so the channel waits for this.
    public bool Required => true;
    public bool IsEnabled => true;

    public async Task RunAsync(ArchiveContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        var channel = incident.ChannelId ?? throw new InvalidOperationException("The incident has no channel");
        var request = context.Request;
        var text = $":lock: {SlackMentions.Escape(IncidentMessages.Name(incident))} is closed by {SlackMentions.User(request.RequestedBy)}. "
            + $"Resolution: {request.ResolutionStatus}, impact: {request.ImpactStatus}.\n>{SlackMentions.Escape(request.Summary).Replace("\n", "\n>", StringComparison.Ordinal)}\n"
            + "This channel is being archived.";
        try
        {
            await TaggedMessages.PostOnceAsync(
                chat, conversations, incident, MetadataEventType, new ChatMessage { Channel = channel, Text = text }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "is_archived")
        {
            // Someone archived the channel by hand: there is nowhere left to say it.
        }
    }
}
