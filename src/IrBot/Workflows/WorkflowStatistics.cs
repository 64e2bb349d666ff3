using IrBot.Data;
using IrBot.Statistics;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows;

/// <summary>
/// One statistics section per keyword workflow that has run: started = the trigger message; acknowledged =
/// the first click on a field or transition; resolved = <c>finished_workflow</c> or the archive of a channel
/// the instance created. A failed instance stays unresolved, so it is counted as open, never dropped.
/// </summary>
public sealed class WorkflowStatistics : IStatisticsSource
{
    private const string RowsSql =
        "SELECT 'instance ' || CAST(number AS TEXT) AS item, workflow_name AS title, started_at, acknowledged_at, resolved_at "
        + "FROM workflow_instances WHERE workflow_name = @workflow";

    public int Order => 10;

    public async Task<IReadOnlyList<StatisticsSection>> SectionsAsync(IrBotDbContext db, CancellationToken cancellationToken)
    {
        var names = await db.WorkflowInstances.AsNoTracking().Select(i => i.WorkflowName).Distinct().ToListAsync(cancellationToken);
        return names.Order(StringComparer.Ordinal)
            .Select(name => new StatisticsSection($"Workflow {name}", RowsSql, new Dictionary<string, object> { ["@workflow"] = name }))
            .ToList();
    }
}
