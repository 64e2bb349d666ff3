namespace IrBot.Incidents.Steps;

public enum StepStatus
{
    Pending,
    Done,
    Skipped,
    Failed,
}
