using IrBot.Work;

namespace IrBot.Incidents.Steps;

/// <summary>One run of an incident workflow: what the step runner and the shell around it work on.</summary>
/// <param name="Work">The work item being run (its state is saved after each step).</param>
/// <param name="State">The saved progress.</param>
/// <param name="Incident">The incident.</param>
/// <param name="Requester">Who sees the progress message.</param>
/// <param name="Activity">"Opening", "Archiving": the progress title and the logs.</param>
/// <param name="StepContext">What each step is given.</param>
public sealed record IncidentRun<TContext>(
    WorkContext Work, StepRunState State, Incident Incident, string Requester, string Activity, TContext StepContext);
