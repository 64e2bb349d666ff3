namespace IrBot.Workflows.Running;

/// <summary>Where an instance is within its step: running its start actions, or leaving it (finish actions, then the next step).</summary>
public enum StepPhase
{
    Start,
    Finish,
}
