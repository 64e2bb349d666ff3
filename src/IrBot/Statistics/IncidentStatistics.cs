using IrBot.Data;

namespace IrBot.Statistics;

/// <summary>
/// IR Bot incidents: opened = <c>/irbot incident</c> received; acknowledged = the first commander set;
/// resolved = the archive completed (or the channel archived by hand).
/// </summary>
public sealed class IncidentStatistics : IStatisticsSource
{
    public const string Title = "IR Bot incidents";

    private static readonly StatisticsSection Section = new(
        Title,
        "SELECT 'incident ' || CAST(number AS TEXT) AS item, title, opened_at AS started_at, acknowledged_at, closed_at AS resolved_at FROM incidents");

    public int Order => 0;

    public Task<IReadOnlyList<StatisticsSection>> SectionsAsync(IrBotDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StatisticsSection>>([Section]);
}
