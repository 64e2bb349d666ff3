namespace IrBot.Slack.WebApi;

/// <summary>The answer of users.info.</summary>
public sealed record UserResponse : SlackResponse
{
    public SlackUser? User { get; init; }
}

/// <summary>The answer of bots.info.</summary>
public sealed record BotResponse : SlackResponse
{
    public SlackBot? Bot { get; init; }
}

/// <summary>A bot (<c>B…</c>) as bots.info describes it: classic bot messages carry its id, not a user's.</summary>
public sealed record SlackBot
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AppId { get; init; }
    public string? UserId { get; init; }
    public bool? Deleted { get; init; }
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
