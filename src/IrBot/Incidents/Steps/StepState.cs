namespace IrBot.Incidents.Steps;

public sealed record StepState(StepStatus Status, string? Error = null);
