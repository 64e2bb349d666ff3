using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>Moves the instance to step <see cref="To"/> (the current step's finish actions run first).</summary>
public sealed record TransitionToAction(string Name, string To) : WorkflowAction(Name)
{
    public const string TypeName = "transition_to";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => [];
}
