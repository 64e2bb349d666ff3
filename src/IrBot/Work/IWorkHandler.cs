using System.Text.Json;
using IrBot.Data;

namespace IrBot.Work;

/// <summary>Runs one kind of <see cref="WorkItem"/>. Must be safe to run again after a crash at any point.</summary>
/// <remarks>
/// Job kinds are <c>{folder}.{name}</c> in kebab case, the name being the handler's type name without
/// <c>Work</c>: <c>OpenIncidentWork</c> runs <c>incidents.open-incident</c> items whose payload is an
/// <c>OpenIncidentRequest</c>.
/// </remarks>
public interface IWorkHandler
{
    /// <summary>The <see cref="WorkItem.Kind"/> this handler runs; the key it is registered under.</summary>
    static abstract string Kind { get; }

    /// <summary>Kinds this handler ran under before (items stored then still run).</summary>
    static virtual IReadOnlyList<string> FormerKinds => [];

    /// <summary>
    /// A workflow of many calls that Slack paces slowly (opening or archiving an incident: channel creation is Tier 2,
    /// about 20 a minute). Such items take at most half of the work slots, so the short work behind a burst of them
    /// (clicks, events, task updates) still runs at once.
    /// </summary>
    static virtual bool IsLong => false;

    Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken);
}
