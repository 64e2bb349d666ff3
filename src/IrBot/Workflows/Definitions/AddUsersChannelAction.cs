using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>Adds users (ids, names or user group handles) to a channel.</summary>
public sealed record AddUsersChannelAction(string Name, Template ChannelName, IReadOnlyList<Template> Users, Template? TeamName)
    : WorkflowAction(Name)
{
    public const string TypeName = "add_users_channel";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, TeamName }.OfType<Template>().Concat(Users);
}
