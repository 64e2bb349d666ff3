namespace IrBot.Incidents.Steps;

/// <summary>A step cannot finish yet because another (failed, being retried) has not made what it needs.</summary>
public sealed class WaitingException(string message) : Exception(message);
