using IrBot.Incidents.Steps;
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
        var (text, blocks) = IncidentMessages.Opened(incident);
        await TaggedMessages.PostOnceAsync(
            chat, conversations, incident, MetadataEventType, new ChatMessage { Channel = channel, Text = text, Blocks = blocks },
            cancellationToken);
    }
}
