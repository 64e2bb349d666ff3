using IrBot.Incidents.Steps;
using IrBot.Integrations.TheHive;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>Posts the case link in the channel, tagged so that a retry after a crash does not post it twice.</summary>
public sealed class PostCaseLinkStep(ISlackChatApi chat, ISlackConversationsApi conversations, IOptions<TheHiveOptions> options) : IOpeningStep
{
    public const string MetadataEventType = "irbot_case_linked";

    public string Name => "case-link";
    public string Description => "Case link posted";
    public int Order => 75;
    public bool Required => false;
    public bool IsEnabled => options.Value.Enabled;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        var channel = incident.ChannelId ?? throw new InvalidOperationException("The channel does not exist yet");
        var url = incident.TheHiveCaseUrl ?? throw new WaitingException("Waiting for the TheHive case");
        await TaggedMessages.PostOnceAsync(
            chat,
            conversations,
            incident,
            MetadataEventType,
            new ChatMessage { Channel = channel, Text = $":file_folder: TheHive case <{url}|#{incident.TheHiveCaseNumber}> is open for this incident." },
            cancellationToken);
    }
}
