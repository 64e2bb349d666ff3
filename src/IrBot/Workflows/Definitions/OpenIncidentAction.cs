using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>IR Bot's extension: opens a full incident; <c>{{.Action.Name.ChannelName}}</c> is its channel.</summary>
public sealed record OpenIncidentAction(string Name, Template Title) : WorkflowAction(Name)
{
    public const string TypeName = "open_incident";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => [Title];
}
