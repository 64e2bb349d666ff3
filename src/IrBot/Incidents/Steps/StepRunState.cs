using IrBot.Integrations;
using IrBot.Work;

namespace IrBot.Incidents.Steps;

/// <summary>The saved progress of a workflow: one entry per step name, and where the progress message is.</summary>
public class StepRunState
{
    public Dictionary<string, StepState> Steps { get; set; } = [];

    /// <summary>The requester's progress message, updated rather than posted again on a resume.</summary>
    public ProgressRef Progress { get; set; } = new();

    /// <summary>Runs that ended with optional steps pending, for the backoff.</summary>
    public int Retries { get; set; }

    /// <summary>The admin channel has been told what is pending (tell it once, and again when all is done).</summary>
    public bool AdminTold { get; set; }

    public StepStatus StatusOf(string step) => Steps.TryGetValue(step, out var s) ? s.Status : StepStatus.Pending;

    /// <summary>"Page: HTTP 503; Case: timed out".</summary>
    public string Describe(IEnumerable<IIncidentStep> failed) =>
        string.Join("; ", failed.Select(s => $"{s.Description}: {Steps.GetValueOrDefault(s.Name)?.Error}"));
}
