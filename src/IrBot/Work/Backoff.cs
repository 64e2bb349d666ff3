namespace IrBot.Work;

/// <summary>
/// The one backoff formula: 1, 2, 4 … seconds (2 to the power <c>exponent</c>), capped, with optional
/// jitter so that many waiters do not come back at the same instant.
/// </summary>
public static class Backoff
{
    /// <summary>Past 2^20 seconds (12 days) every cap we use has long been reached.</summary>
    private const int MaxExponent = 20;

    /// <param name="exponent">0 for the first wait (1 second), one more for each failure since.</param>
    /// <param name="maxSeconds">The cap.</param>
    /// <param name="jitter">A fraction: 0.25 spreads the wait over ±25 %.</param>
    public static TimeSpan Exponential(int exponent, int maxSeconds, double jitter = 0)
    {
        var seconds = Math.Min(maxSeconds, Math.Pow(2, Math.Clamp(exponent, 0, MaxExponent)));
        var spread = jitter == 0 ? 1 : 1 + (((Random.Shared.NextDouble() * 2) - 1) * jitter);
        return TimeSpan.FromSeconds(Math.Max(0.5, seconds * spread));
    }
}
