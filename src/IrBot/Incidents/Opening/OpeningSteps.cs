using IrBot.Data;

namespace IrBot.Incidents.Opening;

/// <summary>One step of opening an incident (see <see cref="IIncidentStep"/> for the rules).</summary>
/// <remarks>
/// Order: channel 20, invite 30, Confluence page 40, TheHive case 45, case on the page 50, topic 60,
/// opening message 70, case link posted 75, requester told 90 (see <see cref="ConfluencePageStep"/> for
/// why the page follows the channel).
/// </remarks>
public interface IOpeningStep : IIncidentStep<OpeningContext>;

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

/// <summary>The saved progress of an opening.</summary>
public sealed class OpeningState : StepRunState
{
    /// <summary>The admin channel has been told what is pending (tell it once, and again when all is done).</summary>
    public bool AdminTold { get; set; }
}

/// <summary>A step cannot finish yet because another (failed, being retried) has not made what it needs.</summary>
public sealed class WaitingException(string message) : Exception(message);
