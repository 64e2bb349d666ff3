namespace IrBot.IrTeam;

/// <summary>
/// The <c>IrTeam</c> section: who may run privileged commands. Members listed here and members of the
/// Slack user group both count.
/// </summary>
public sealed class IrTeamOptions
{
    public const string Section = "IrTeam";

    /// <summary>Slack user ids (U…/W…).</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>A Slack user group id (S…), resolved with usergroups.users.list and cached.</summary>
    public string? UserGroupId { get; set; }

    /// <summary>How long a fetched user group membership is trusted.</summary>
    public int UserGroupCacheMinutes { get; set; } = 5;
}
