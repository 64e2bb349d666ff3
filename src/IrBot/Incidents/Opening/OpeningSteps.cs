using IrBot.Data;

namespace IrBot.Incidents.Opening;

/// <summary>
/// One step of opening an incident. Steps run in <see cref="Order"/>, each at most once to completion;
/// after a crash the opening resumes at the first step not done, so a step must also cope with having
/// done its work without having recorded it (look before you create).
/// </summary>
public interface IOpeningStep
{
    /// <summary>Stable key stored in the work item's state.</summary>
    string Name { get; }

    /// <summary>What the requester sees, e.g. "Slack channel".</summary>
    string Description { get; }

    /// <summary>
    /// Channel 20, invite 30, Confluence page 40, TheHive case 45, case on the page 50, topic 60, opening
    /// message 70, case link posted 75, requester told 90 (see <see cref="ConfluencePageStep"/> for why the
    /// page follows the channel).
    /// </summary>
    int Order { get; }

    /// <summary>Later steps need this one (the channel): if it fails, the opening stops and retries.</summary>
    bool Required { get; }

    /// <summary>False when the integration is off: the step is recorded as skipped.</summary>
    bool IsEnabled { get; }

    Task RunAsync(OpeningContext context, CancellationToken cancellationToken);
}

public sealed record OpeningContext(Incident Incident, IrBotDbContext Db, OpenIncidentRequest Request);

public static class PendingSteps
{
    /// <summary>
    /// How many times a run with only optional steps pending comes back (at most <c>Work:MaxBackoffSeconds</c>
    /// apart: about a day and a half with the default 10 minutes) before the rest is left to people.
    /// </summary>
    public const int MaxRetries = 200;

    public static TimeSpan Delay(int retries, int maxBackoffSeconds) =>
        TimeSpan.FromSeconds(Math.Min(maxBackoffSeconds, Math.Pow(2, Math.Min(retries, 20))));
}

public enum StepStatus
{
    Pending,
    Done,
    Skipped,
    Failed,
}

public sealed record StepState(StepStatus Status, string? Error = null);

/// <summary>The saved progress of an opening: one entry per step name.</summary>
public sealed class OpeningState
{
    public Dictionary<string, StepState> Steps { get; set; } = [];

    /// <summary>The requester's progress message, updated rather than posted again on a resume.</summary>
    public ProgressRef Progress { get; set; } = new();

    /// <summary>The admin channel has been told what is pending (tell it once, and again when all is done).</summary>
    public bool AdminTold { get; set; }

    /// <summary>Runs that ended with optional steps pending, for the backoff.</summary>
    public int Retries { get; set; }

    public StepStatus StatusOf(string step) => Steps.TryGetValue(step, out var s) ? s.Status : StepStatus.Pending;
}

/// <summary>A step cannot finish yet because another (failed, being retried) has not made what it needs.</summary>
public sealed class WaitingException(string message) : Exception(message);
