using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>Marks the instance finished (for statistics); nothing after it runs.</summary>
public sealed record FinishedWorkflowAction(string Name) : WorkflowAction(Name)
{
    public const string TypeName = "finished_workflow";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => [];
}
