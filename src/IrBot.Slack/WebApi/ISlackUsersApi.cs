using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>Slack's <c>users.*</c> methods and <c>bots.info</c> (read-only; form fields). Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.</summary>
public interface ISlackUsersApi
{
    /// <summary>
    /// One user, with their standard profile (not the custom fields).
    /// <see href="https://api.slack.com/methods/users.info">users.info</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/users.info")]
    Task<UserResponse> InfoAsync([Body(BodySerializationMethod.UrlEncoded)] GetUserInfo request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the workspace's users. Page by 200 and cache: the tier is low.
    /// <see href="https://api.slack.com/methods/users.list">users.list</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/users.list")]
    Task<UsersListResponse> ListAsync([Body(BodySerializationMethod.UrlEncoded)] ListUsers request, CancellationToken cancellationToken = default);

    /// <summary>
    /// A bot's name, for messages whose author is a bot id (<c>B…</c>) rather than a user.
    /// <see href="https://api.slack.com/methods/bots.info">bots.info</see>; scope users:read; rate limit: Tier 3.
    /// </summary>
    [Post("/bots.info")]
    Task<BotResponse> BotInfoAsync([Body(BodySerializationMethod.UrlEncoded)] GetBotInfo request, CancellationToken cancellationToken = default);

    /// <summary>
    /// A user's profile including custom profile fields (<see cref="UserProfile.Fields"/>).
    /// <see href="https://api.slack.com/methods/users.profile.get">users.profile.get</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/users.profile.get")]
    Task<ProfileResponse> GetProfileAsync([Body(BodySerializationMethod.UrlEncoded)] GetUserProfile request, CancellationToken cancellationToken = default);
}
