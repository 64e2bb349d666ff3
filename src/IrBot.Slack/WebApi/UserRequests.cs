namespace IrBot.Slack.WebApi;

/// <summary>users.info form fields.</summary>
public sealed record GetUserInfo
{
    public required string User { get; init; }
}

/// <summary>bots.info form fields.</summary>
public sealed record GetBotInfo
{
    public required string Bot { get; init; }
}

/// <summary>users.list form fields.</summary>
public sealed record ListUsers
{
    /// <summary>From the previous page's <see cref="ResponseMetadata.NextCursor"/>; null for the first page.</summary>
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}

/// <summary>users.profile.get form fields.</summary>
public sealed record GetUserProfile
{
    public required string User { get; init; }
}
