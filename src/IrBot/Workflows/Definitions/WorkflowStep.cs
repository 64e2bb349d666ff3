namespace IrBot.Workflows.Definitions;

/// <summary>A state of a workflow: <see cref="StartActions"/> run on entering it, <see cref="FinishActions"/> on leaving it.</summary>
public sealed record WorkflowStep(string Name, IReadOnlyList<WorkflowAction> StartActions, IReadOnlyList<WorkflowAction> FinishActions);
