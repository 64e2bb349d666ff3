namespace IrBot.Statistics;

/// <summary>One item behind the figures, for the export.</summary>
public sealed record StatisticsRow(string Section, string Item, string Title, DateTime StartedAt, DateTime? AcknowledgedAt, DateTime? ResolvedAt)
{
    public TimeSpan? TimeToAcknowledge => AcknowledgedAt - StartedAt;
    public TimeSpan? TimeToResolve => ResolvedAt - StartedAt;
}
