using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IrBot.Hosting;

/// <summary>
/// The health answer as JSON: the overall status and each check with its reason, so an operator (or the
/// orchestrator's event log) sees why the service is not ready without reading the logs.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), reason = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}
