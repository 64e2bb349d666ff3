namespace IrBot.Incidents.Steps;

/// <param name="Permanent">The error will not go away by retrying (a revoked token, a missing scope): the run stopped for an admin.</param>
public sealed record StepState(StepStatus Status, string? Error = null, bool Permanent = false);
