namespace IrBot.Workflows.Definitions;

/// <summary>A validated workflow: an instance starts at <see cref="Steps"/>[0] when one of its triggers matches.</summary>
public sealed record WorkflowDefinition(string Name, IReadOnlyList<TextTrigger> Triggers, IReadOnlyList<WorkflowStep> Steps)
{
    public WorkflowStep FirstStep => Steps[0];

    public WorkflowStep? FindStep(string name) => Steps.FirstOrDefault(s => s.Name == name);

    /// <summary>Action names are unique in a workflow, so a name (e.g. from a button's value) finds one action.</summary>
    public WorkflowAction? FindAction(string name) =>
        Steps.SelectMany(s => s.StartActions.Concat(s.FinishActions)).FirstOrDefault(a => a.Name == name);
}
