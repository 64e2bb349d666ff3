using IrBot.Integrations;
using IrBot.Work;

namespace IrBot.Incidents.Steps;

/// <summary>
/// One step of a multi-system incident workflow (opening, archiving). Steps run in <see cref="Order"/>,
/// each at most once to completion; after a crash the workflow resumes at the first step not done, so a
/// step must also cope with having done its work without having recorded it (look before you create).
/// </summary>
public interface IIncidentStep
{
    /// <summary>Stable key stored in the work item's state.</summary>
    string Name { get; }

    /// <summary>What the requester sees, e.g. "Slack channel".</summary>
    string Description { get; }

    int Order { get; }

    /// <summary>Later steps need this one: if it fails, the run stops there and is retried.</summary>
    bool Required { get; }

    /// <summary>False when the integration is off: the step is recorded as skipped.</summary>
    bool IsEnabled { get; }
}

/// <summary>A step that works on the workflow's context (the incident, the database, the request).</summary>
public interface IIncidentStep<in TContext> : IIncidentStep
{
    Task RunAsync(TContext context, CancellationToken cancellationToken);
}
