namespace IrBot.Statistics;

/// <summary>
/// One section's figures: every item started in the window is in <see cref="Count"/>; those not yet
/// acknowledged or resolved are counted as such and left out of the durations they lack (never dropped).
/// </summary>
public sealed record SectionFigures(
    string Title,
    int Count,
    int StillOpen,
    int NotAcknowledged,
    DurationFigures TimeToAcknowledge,
    DurationFigures TimeToResolve);
