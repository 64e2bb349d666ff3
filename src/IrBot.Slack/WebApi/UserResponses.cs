namespace IrBot.Slack.WebApi;

/// <summary>The answer of users.info.</summary>
public sealed record UserResponse : SlackResponse
{
    public SlackUser? User { get; init; }
}

/// <summary>The answer of users.list (one page).</summary>
public sealed record UsersListResponse : SlackResponse
{
    public IReadOnlyList<SlackUser>? Members { get; init; }
}

/// <summary>The answer of users.profile.get.</summary>
public sealed record ProfileResponse : SlackResponse
{
    public UserProfile? Profile { get; init; }
}
