using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IrBot.Data;

/// <summary>
/// Ready only when the database answers and has every migration this build knows: an unmigrated database
/// would fail every command with "internal error".
/// </summary>
internal sealed class DatabaseReadyCheck(MigrationHistory history, DatabaseInfo database) : IHealthCheck
{
    public const string MigrateHint = "run `dotnet IrBot.dll migrate` (or the image's migrate command)";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await history.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{database.Provider} reachable and migrated")
                : HealthCheckResult.Unhealthy($"the database is not migrated ({pending.Count} migration(s) pending): {MigrateHint}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message only: a connection exception's text names the host, never the password.
            return HealthCheckResult.Unhealthy($"the database (ConnectionStrings:IrBot) is not reachable: {ex.GetBaseException().Message}");
        }
    }
}
