namespace IrBot.Workflows.Running;

/// <summary>Run an instance as far as it can go: its pending actions, its transitions, until it waits for a click or ends.</summary>
public sealed record RunInstanceRequest(long InstanceId);
