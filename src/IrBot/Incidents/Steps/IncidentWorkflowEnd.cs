namespace IrBot.Incidents.Steps;

/// <summary>What differs between the ends of opening and archiving; the rest is <see cref="IncidentWorkflow"/>.</summary>
/// <param name="Goal">"open", "archived": said when a required step keeps the incident from it.</param>
/// <param name="UsableAsync">Run once every required step is done (the incident becomes Active, Closed).</param>
/// <param name="PendingNotice">Told to the admin channel once, the first time optional steps are left pending
/// (given the ordered steps and "Page: HTTP 503; Case: timed out").</param>
/// <param name="CompletedNotice">Told to the admin channel when pending steps have all succeeded after all (or null).</param>
public sealed record IncidentWorkflowEnd(
    string Goal,
    Func<CancellationToken, Task> UsableAsync,
    Func<IReadOnlyList<IIncidentStep>, string, string> PendingNotice,
    string? CompletedNotice = null);
