namespace IrBot.Statistics;

/// <summary>Mean, median and 90th percentile of the durations measured (null when none was).</summary>
public sealed record DurationFigures(int Measured, TimeSpan? Mean, TimeSpan? Median, TimeSpan? P90)
{
    public static readonly DurationFigures None = new(0, null, null, null);

    /// <summary>From seconds, in any order; the same interpolation as PostgreSQL's percentile_cont.</summary>
    public static DurationFigures FromSeconds(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length == 0
            ? None
            : new(sorted.Length, Seconds(sorted.Average()), Seconds(Percentile(sorted, 0.5)), Seconds(Percentile(sorted, 0.9)));
    }

    /// <summary>
    /// percentile_cont: the value at position p·(n−1) of the sorted values, interpolating linearly between
    /// its neighbours, so the median of an even count is the mean of the middle two.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = (int)Math.Ceiling(position);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    /// <summary>Whole seconds: both databases then agree to the second whatever their float arithmetic.</summary>
    public static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(Math.Round(s)) : null;
}
