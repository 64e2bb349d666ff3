using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>Creates a channel; <c>{{.Action.Name.ChannelName}}</c> is the name it got.</summary>
public sealed record CreateChannelAction(
    string Name, Template ChannelName, Template ChannelDisplayName, Template? TeamName, Template? Header, Template? Purpose, bool Private)
    : WorkflowAction(Name)
{
    public const string TypeName = "create_channel";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, ChannelDisplayName, TeamName, Header, Purpose }.OfType<Template>();
}
