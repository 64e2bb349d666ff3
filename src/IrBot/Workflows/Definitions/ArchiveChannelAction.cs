using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>Archives a channel.</summary>
public sealed record ArchiveChannelAction(string Name, Template ChannelName, Template? TeamName) : WorkflowAction(Name)
{
    public const string TypeName = "archive_channel";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, TeamName }.OfType<Template>();
}
