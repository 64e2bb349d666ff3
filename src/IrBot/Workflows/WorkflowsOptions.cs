namespace IrBot.Workflows;

/// <summary>The <c>Workflows</c> section.</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>
    /// A workflow file loaded at start, for teams who keep workflows in git. When set it is the source of
    /// truth: an invalid file stops the service, and <c>/irbot workflow edit</c> and <c>rollback</c> are refused.
    /// </summary>
    public string? File { get; set; }

    /// <summary>Slack user ids who may manage workflows besides the workspace's admins and owners.</summary>
    public List<string> AuthorizedUsers { get; set; } = [];
}
