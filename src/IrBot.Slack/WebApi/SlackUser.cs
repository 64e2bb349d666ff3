namespace IrBot.Slack.WebApi;

/// <summary>A user object (<see href="https://api.slack.com/types/user"/>), the fields IR Bot reads.</summary>
public sealed record SlackUser
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? RealName { get; init; }
    public bool? Deleted { get; init; }
    public bool? IsBot { get; init; }

    /// <summary>A workspace admin (owners are admins too, but read both).</summary>
    public bool? IsAdmin { get; init; }

    public bool? IsOwner { get; init; }
    public UserProfile? Profile { get; init; }

    /// <summary>The name people know them by: display name, else real name, else handle.</summary>
    public string DisplayName =>
        FirstNonEmpty(Profile?.DisplayName, Profile?.RealName, RealName, Name) ?? Id;

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
