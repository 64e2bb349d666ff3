using IrBot.Data;
using IrBot.Incidents.Opening;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// One step of archiving an incident (page resolved, case resolved, tasks resolved, timeline published,
/// closing message, channel archived). Same rules as <see cref="IOpeningStep"/>: ordered, each done once,
/// resumed after a crash, so a step must cope with having done its work without having recorded it.
/// Features plug their own steps in (tasks: resolve open tasks; timeline: publish a last time).
/// </summary>
public interface IArchiveStep
{
    string Name { get; }
    string Description { get; }

    /// <summary>Page 10, case 20, tasks 30, timeline 40, closing message 80, channel archived 90.</summary>
    int Order { get; }

    bool Required { get; }
    bool IsEnabled { get; }

    Task RunAsync(ArchiveContext context, CancellationToken cancellationToken);
}

/// <summary>What the archive modal collected.</summary>
public sealed record ArchiveRequest(
    string RequestedBy,
    string ResolutionStatus,
    string ImpactStatus,
    IReadOnlyList<string> Tags,
    string Summary);

public sealed record ArchiveContext(Incident Incident, IrBotDbContext Db, ArchiveRequest Request);

/// <summary>The saved progress of an archive: one entry per step name.</summary>
public sealed class ArchiveState
{
    public Dictionary<string, StepState> Steps { get; set; } = [];

    /// <summary>The progress message shown to whoever asked for the archive.</summary>
    public ProgressRef Progress { get; set; } = new();

    /// <summary>Runs that ended with optional steps pending, for the backoff.</summary>
    public int Retries { get; set; }

    public StepStatus StatusOf(string step) => Steps.TryGetValue(step, out var s) ? s.Status : StepStatus.Pending;
}
