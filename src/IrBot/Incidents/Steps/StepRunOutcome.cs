namespace IrBot.Incidents.Steps;

/// <summary>What one pass of <see cref="IncidentStepRunner"/> left: the steps that failed, and the error that stopped the run for good.</summary>
public sealed record StepRunOutcome<TStep>(IReadOnlyList<TStep> Failures, Exception? Permanent);
