using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Integrations;

namespace IrBot.Incidents.Opening;

/// <summary>Tells the requester, where they asked, that the incident is open (through the command's response_url).</summary>
public sealed class NotifyRequesterStep(SlackResponseUrlClient responseUrl, ILogger<NotifyRequesterStep> logger) : IOpeningStep
{
    public string Name => "notify-requester";
    public string Description => "Requester told";
    public int Order => 90;
    public bool Required => false;
    public bool IsEnabled => true;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ResponseUrl is not { Length: > 0 } url || context.Incident.ChannelId is null)
        {
            return;
        }

        try
        {
            await responseUrl.SendAsync(
                url,
                ResponseUrlMessage.Ephemeral($":white_check_mark: {SlackMentions.Escape(IncidentMessages.Name(context.Incident))} is open in {SlackMentions.Channel(context.Incident.ChannelId)}."),
                cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            // response_url expires after 30 minutes; the requester is in the channel anyway.
            logger.LogInformation("Could not tell the requester through response_url: {Error}", ex.Message);
        }
    }
}
