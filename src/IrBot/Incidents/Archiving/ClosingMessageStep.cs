using IrBot.Incidents.Steps;
using System.Globalization;
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
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        if (await SlackHistory.HasTaggedMessageAsync(conversations, channel, MetadataEventType, "incident_id", id, cancellationToken))
        {
            return;
        }

        try
        {
            await PostAsync(channel, id, context.Request, incident, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "is_archived")
        {
            // Someone archived the channel by hand: there is nowhere left to say it.
        }
    }

    private Task<MessageResponse> PostAsync(string channel, string id, ArchiveIncidentRequest request, Incident incident, CancellationToken cancellationToken)
    {
        var text = $":lock: {SlackMentions.Escape(IncidentMessages.Name(incident))} is closed by {SlackMentions.User(request.RequestedBy)}. "
            + $"Resolution: {request.ResolutionStatus}, impact: {request.ImpactStatus}.\n>{SlackMentions.Escape(request.Summary).Replace("\n", "\n>", StringComparison.Ordinal)}\n"
            + "This channel is being archived.";
        return chat.PostMessageAsync(
            new ChatMessage
            {
                Channel = channel,
                Text = text,
                Metadata = new MessageMetadata
                {
                    EventType = MetadataEventType,
                    EventPayload = new Dictionary<string, string> { ["incident_id"] = id },
                },
            },
            cancellationToken);
    }
}
