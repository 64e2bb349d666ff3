using IrBot.IrTeam;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.Extensions.Options;

namespace IrBot.Statistics;

/// <summary>
/// Who may reset and export the statistics (and see them): the IR team, <c>Workflows:AuthorizedUsers</c>, and
/// Slack workspace admins and owners (users.info through <see cref="UserDirectory"/>, asked last; cached an hour like
/// every Slack user, so a withdrawn admin right can still count for up to that long).
/// </summary>
public sealed class StatisticsAccess(
    IrTeamDirectory irTeam,
    IOptionsMonitor<AuthorizedUsersOptions> options,
    UserDirectory users,
    ILogger<StatisticsAccess> logger)
{
    public async Task<bool> IsAllowedAsync(string userId, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.AuthorizedUsers.Contains(userId, StringComparer.Ordinal)
            || await irTeam.IsMemberAsync(userId, cancellationToken))
        {
            return true;
        }

        try
        {
            var user = await users.FindAsync(userId, cancellationToken);
            return user is { Deleted: not true } && (user.IsAdmin == true || user.IsOwner == true);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or Refit.ApiException)
        {
            // Refuse rather than guess when Slack cannot say.
            logger.LogWarning("Could not read {UserId} from Slack to check for a workspace admin: {Error}", userId, ex.Message);
            return false;
        }
    }
}
