using System.Linq.Expressions;

namespace IrBot.Incidents;

/// <summary>
/// The one "live incident" rule: opening or active, not archiving or closed. Commands, buttons and notes work
/// on live incidents only. One list of statuses gives the LINQ expression, the SQL and the in-memory check.
/// </summary>
public static class LiveIncident
{
    public static IReadOnlyList<IncidentStatus> Statuses { get; } = [IncidentStatus.Opening, IncidentStatus.Active];

    /// <summary>For queries: <c>db.Incidents.Where(LiveIncident.Rule)</c>.</summary>
    public static Expression<Func<Incident, bool>> Rule { get; } = BuildRule();

    /// <summary>For hand-written SQL (statuses are stored by name): <c>'Opening', 'Active'</c>.</summary>
    public static string SqlStatuses { get; } = string.Join(", ", Statuses.Select(s => $"'{s}'"));

    public static bool Is(Incident incident) => Statuses.Contains(incident.Status);

    // i => i.Status == Opening || i.Status == Active, spelled out so that every provider translates it.
    private static Expression<Func<Incident, bool>> BuildRule()
    {
        var incident = Expression.Parameter(typeof(Incident), "i");
        var status = Expression.Property(incident, nameof(Incident.Status));
        var body = Statuses
            .Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Incident, bool>>(body, incident);
    }
}
