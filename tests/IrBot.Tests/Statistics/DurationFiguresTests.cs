using IrBot.Statistics;

namespace IrBot.Tests.Statistics;

public sealed class DurationFiguresTests
{
    [Theory]
    [InlineData(new double[] { 5 }, 0.5, 5)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new double[] { 600, 1200, 1800 }, 0.9, 1680)]
    [InlineData(new double[] { 7200, 14400 }, 0.9, 13680)]
    [InlineData(new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 0.9, 91)]
    [InlineData(new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 1.0, 100)]
    public void Percentiles_interpolate_between_neighbours_like_percentile_cont(double[] sorted, double p, double expected)
    {
        Assert.Equal(expected, DurationFigures.Percentile(sorted, p), 6);
    }

    [Fact]
    public void One_week_long_incident_moves_the_mean_and_the_p90_but_not_the_median()
    {
        var figures = DurationFigures.FromSeconds([3600, 600, 1800, 604800, 1200]);

        Assert.Equal(5, figures.Measured);
        Assert.Equal(TimeSpan.FromSeconds(122400), figures.Mean);
        Assert.Equal(TimeSpan.FromMinutes(30), figures.Median);
        Assert.Equal(TimeSpan.FromSeconds(3600 + (0.6 * (604800 - 3600))), figures.P90);
    }

    [Fact]
    public void Nothing_measured_gives_no_figures_rather_than_zero()
    {
        Assert.Equal(DurationFigures.None, DurationFigures.FromSeconds([]));
        Assert.Null(DurationFigures.None.Mean);
    }
}
