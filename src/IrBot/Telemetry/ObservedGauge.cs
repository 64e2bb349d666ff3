using OpenTelemetry;

namespace IrBot.Telemetry;

/// <summary>
/// A gauge read when metrics are collected (a scrape, an OTLP export): one cheap indexed query in a fresh
/// scope. A folder registers its own with <see cref="TelemetryExtensions.AddObservedGauge"/>, so this kernel
/// knows no feature's tables. A failed read (database away) reports nothing rather than a wrong zero.
/// </summary>
public sealed record ObservedGauge(string Name, string Unit, string Description, Func<IServiceProvider, double> Read)
{
    internal IEnumerable<System.Diagnostics.Metrics.Measurement<double>> Observe(IServiceScopeFactory scopes)
    {
        // Not traced: a scrape every few seconds would bury the traces people look for.
        using var quiet = SuppressInstrumentationScope.Begin();
        try
        {
            using var scope = scopes.CreateScope();
            return [new(Read(scope.ServiceProvider))];
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return [];
        }
    }
}
