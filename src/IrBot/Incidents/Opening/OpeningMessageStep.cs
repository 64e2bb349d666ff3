using IrBot.Incidents.Steps;
using System.Globalization;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Opening;

/// <summary>
/// Posts the opening message, tagged with message metadata. Before posting it looks for that tag in the
/// channel's recent history, so a retry after a crash does not post it twice.
/// </summary>
public sealed class OpeningMessageStep(ISlackChatApi chat, ISlackConversationsApi conversations) : IOpeningStep
{
    public const string MetadataEventType = "irbot_incident_opened";

    public string Name => "opening-message";
    public string Description => "Opening message";
    public int Order => 70;
    public bool Required => false;
    public bool IsEnabled => true;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        var channel = incident.ChannelId ?? throw new InvalidOperationException("The channel does not exist yet");
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        if (await SlackHistory.HasTaggedMessageAsync(conversations, channel, MetadataEventType, "incident_id", id, cancellationToken))
        {
            return;
        }

        var (text, blocks) = IncidentMessages.Opened(incident);
        await chat.PostMessageAsync(
            new ChatMessage
            {
                Channel = channel,
                Text = text,
                Blocks = blocks,
                Metadata = new MessageMetadata
                {
                    EventType = MetadataEventType,
                    EventPayload = new Dictionary<string, string> { ["incident_id"] = id },
                },
            },
            cancellationToken);
    }
}
