using IrBot.Workflows.Definitions;

namespace IrBot.Workflows.Triggers;

/// <summary>What a message starts, and the triggers whose regex gave up on it (to log).</summary>
public sealed record TriggerScan(IReadOnlyList<TriggerMatch> Matches, IReadOnlyList<TriggerMatch> TimedOut);
