using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows.Managing;

/// <summary>Who may manage workflows: the workspace's admins and owners (users.info) and <c>Workflows:AuthorizedUsers</c>.</summary>
public sealed class WorkflowAdmins(ISlackUsersApi users, IOptionsMonitor<WorkflowsOptions> options, ILogger<WorkflowAdmins> logger)
{
    public const string Refusal =
        ":no_entry: Only Slack workspace admins and owners, and the users listed in `Workflows:AuthorizedUsers`, can manage workflows.";

    public async Task<bool> IsAllowedAsync(string userId, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.AuthorizedUsers.Contains(userId, StringComparer.Ordinal)) return true;
        try
        {
            var user = (await users.InfoAsync(new GetUserInfo { User = userId }, cancellationToken)).User;
            return user is { Deleted: not true } && (user.IsAdmin == true || user.IsOwner == true);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not read {User} to check workflow rights: {Error}", userId, ex.Error);
            return false;
        }
    }
}
