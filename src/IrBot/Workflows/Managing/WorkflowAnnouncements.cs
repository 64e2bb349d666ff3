using IrBot.Admin;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Workflows.Sets;

namespace IrBot.Workflows.Managing;

/// <summary>Tells the admin channel that the workflow set changed, who changed it and what changed.</summary>
public sealed class WorkflowAnnouncements(AdminChannel admin, ILogger<WorkflowAnnouncements> logger)
{
    public async Task AnnounceAsync(WorkflowSetVersion version, string verb, CancellationToken cancellationToken)
    {
        try
        {
            await admin.PostAsync(
                $":gear: <@{version.UploadedBy}> {verb} the workflows (version {version.Id}): {SlackMentions.Escape(version.Changes)}.",
                cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not announce workflow version {Version} in the admin channel: {Error}", version.Id, ex.Message);
        }
    }
}
