using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Archiving;

/// <summary>Archives the incident channel; an already archived channel counts as done.</summary>
public sealed class ArchiveChannelStep(ISlackConversationsApi conversations) : IArchiveStep
{
    public string Name => "channel-archived";
    public string Description => "Channel archived";
    public int Order => 90;
    public bool Required => true;
    public bool IsEnabled => true;

    public async Task RunAsync(ArchiveContext context, CancellationToken cancellationToken)
    {
        var channel = context.Incident.ChannelId ?? throw new InvalidOperationException("The incident has no channel");
        try
        {
            await conversations.ArchiveAsync(new ArchiveConversation { Channel = channel }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "already_archived")
        {
        }
    }
}
