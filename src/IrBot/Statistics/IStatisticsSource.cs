using IrBot.Data;

namespace IrBot.Statistics;

/// <summary>
/// A feature with something to measure (incidents; each keyword workflow) gives its sections here, so the
/// statistics need not know it (register with <c>services.AddScoped&lt;IStatisticsSource, T&gt;()</c>).
/// </summary>
public interface IStatisticsSource
{
    /// <summary>Lower comes first in the answer.</summary>
    int Order { get; }

    Task<IReadOnlyList<StatisticsSection>> SectionsAsync(IrBotDbContext db, CancellationToken cancellationToken);
}
