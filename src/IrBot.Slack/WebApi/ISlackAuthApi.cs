using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>Slack's <c>auth.*</c> methods. Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.</summary>
public interface ISlackAuthApi
{
    /// <summary>
    /// Who the bot token belongs to (the bot's own user id).
    /// <see href="https://api.slack.com/methods/auth.test">auth.test</see>; rate limit: special (hundreds per minute).
    /// </summary>
    [Post("/auth.test")]
    Task<AuthTestResponse> TestAsync(CancellationToken cancellationToken = default);
}
