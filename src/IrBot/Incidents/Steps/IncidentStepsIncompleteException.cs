namespace IrBot.Incidents.Steps;

/// <summary>A required step failed: the work processor retries the run with backoff.</summary>
public sealed class IncidentStepsIncompleteException(string message) : Exception(message);
