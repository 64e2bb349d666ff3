namespace IrBot.Workflows.Running;

/// <summary>
/// Running: actions run or wait for a click. Finished: finished_workflow ran, or the step reached has no
/// way out. Failed: an action could not be done (e.g. the channel name was taken); the trigger was told.
/// </summary>
public enum WorkflowInstanceStatus
{
    Running,
    Finished,
    Failed,
}
