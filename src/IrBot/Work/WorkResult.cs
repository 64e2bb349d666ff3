using System.Text.Json;
using IrBot.Data;

namespace IrBot.Work;

public sealed record WorkResult
{
    public static readonly WorkResult Done = new();

    public TimeSpan? RetryAfter { get; private init; }
    public string? Reason { get; private init; }

    /// <summary>Not finished (e.g. a system is down); run again later, without counting a failure.</summary>
    public static WorkResult Later(TimeSpan delay, string reason) => new() { RetryAfter = delay, Reason = reason };
}
