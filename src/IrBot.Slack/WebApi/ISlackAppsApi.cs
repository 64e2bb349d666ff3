using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Slack's <c>apps.*</c> methods, called with the app-level token (<c>xapp-…</c>, scope <c>connections:write</c>)
/// instead of the bot token. Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.
/// </summary>
public interface ISlackAppsApi
{
    /// <summary>
    /// A fresh Socket Mode WebSocket URL (single use, valid for a short while).
    /// <see href="https://api.slack.com/methods/apps.connections.open">apps.connections.open</see>; rate limit: tier 1.
    /// A bot token is refused with <c>not_allowed_token_type</c>.
    /// </summary>
    [Post("/apps.connections.open")]
    Task<ConnectionsOpenResponse> OpenConnectionAsync([Authorize("Bearer")] string appToken, CancellationToken cancellationToken = default);
}
