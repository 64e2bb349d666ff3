namespace IrBot.Work;

/// <summary>
/// A table some folder keeps small: <see cref="Housekeeping"/> runs every registered one, so the Work
/// kernel prunes other folders' rows without knowing them.
/// </summary>
public interface IHousekeepingTask
{
    /// <summary>Deletes what is no longer needed; returns how many rows went.</summary>
    Task<int> PruneAsync(DateTime now, CancellationToken cancellationToken);
}
