namespace IrBot.Workflows.Running;

/// <summary>How an action went: done; the instance must fail (with a reason people read); or wait and run again later.</summary>
public sealed record ActionOutcome
{
    public static readonly ActionOutcome Done = new();

    public string? FailureReason { get; private init; }
    public TimeSpan? WaitFor { get; private init; }

    public static ActionOutcome Fail(string reason) => new() { FailureReason = reason };

    public static ActionOutcome Wait(TimeSpan delay) => new() { WaitFor = delay };
}
