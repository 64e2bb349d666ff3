using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>Slack's <c>usergroups.*</c> methods (form fields). Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.</summary>
public interface ISlackUserGroupsApi
{
    /// <summary>
    /// The member ids of a user group (an <c>S…</c> id).
    /// <see href="https://api.slack.com/methods/usergroups.users.list">usergroups.users.list</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/usergroups.users.list")]
    Task<UserGroupUsersResponse> ListUsersAsync([Body(BodySerializationMethod.UrlEncoded)] ListUserGroupUsers request, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ListUsersAsync"/> that fails at once with <c>ratelimited</c> (and Slack's Retry-After) on a 429, for a
    /// cache whose owner waits out the limit in the background.
    /// </summary>
    [Post("/usergroups.users.list")]
    Task<UserGroupUsersResponse> ListUsersWithoutWaitingAsync(
        [Body(BodySerializationMethod.UrlEncoded)] ListUserGroupUsers request,
        [Property(SlackApiHandler.NoRateLimitWait)] bool noWait = true,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The workspace's user groups (their ids and handles).
    /// <see href="https://api.slack.com/methods/usergroups.list">usergroups.list</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/usergroups.list")]
    Task<UserGroupsResponse> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The answer of usergroups.list.</summary>
public sealed record UserGroupsResponse : SlackResponse
{
    public IReadOnlyList<UserGroup>? Usergroups { get; init; }
}

/// <summary>A user group: <see cref="Handle"/> is what people type after @.</summary>
public sealed record UserGroup
{
    public required string Id { get; init; }
    public string? Handle { get; init; }
    public string? Name { get; init; }
}

/// <summary>usergroups.users.list form fields.</summary>
public sealed record ListUserGroupUsers
{
    public required string Usergroup { get; init; }
}

/// <summary>The answer of usergroups.users.list.</summary>
public sealed record UserGroupUsersResponse : SlackResponse
{
    public IReadOnlyList<string>? Users { get; init; }
}
