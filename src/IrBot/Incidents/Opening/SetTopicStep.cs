using IrBot.Incidents.Steps;
using IrBot.Integrations.Confluence;
using IrBot.Integrations.TheHive;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>
/// Sets the channel topic to the incident and its links (setting it twice is harmless). While an enabled
/// system's link is still missing (its step failed and is being retried) the topic is set with what exists
/// and the step reports itself unfinished, so it runs again and adds the link once it is there.
/// </summary>
public sealed class SetTopicStep(ISlackConversationsApi conversations, IOptions<ConfluenceOptions> confluence, IOptions<TheHiveOptions> theHive) : IOpeningStep
{
    public string Name => "topic";
    public string Description => "Channel topic";
    public int Order => 60;
    public bool Required => false;
    public bool IsEnabled => true;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        await conversations.SetTopicAsync(
            new SetConversationTopic
            {
                Channel = incident.ChannelId ?? throw new InvalidOperationException("The channel does not exist yet"),
                Topic = IncidentMessages.Topic(incident),
            },
            cancellationToken);

        var missing = new List<string>();
        if (confluence.Value.Enabled && incident.ConfluencePageUrl is null)
        {
            missing.Add("page");
        }

        if (theHive.Value.Enabled && incident.TheHiveCaseUrl is null)
        {
            missing.Add("case");
        }

        if (missing.Count > 0)
        {
            throw new WaitingException($"Waiting for the {string.Join(" and ", missing)} link");
        }
    }
}
