namespace IrBot.Incidents.Steps;

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
