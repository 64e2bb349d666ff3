using IrBot.Slack.BlockKit;
using System.Collections.Concurrent;
using IrBot.Admin;
using System.Globalization;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;

namespace IrBot.Integrations;

/// <summary>
/// Tells the IR admin channel about errors with external systems: which system, what we were doing,
/// for which incident, and a Slack-safe message (never a secret or a request body). At most one report
/// per system and operation every few minutes, so an outage does not flood the channel: remembered here, and across restarts
/// and instances by the report's tag (message metadata) in the admin channel's history.
/// </summary>
public sealed class IntegrationErrors(IServiceScopeFactory scopes, TimeProvider time, ILogger<IntegrationErrors> logger)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);
    public const string MetadataEventType = "irbot_integration_error";
    public const string SubjectKey = "subject";
    private readonly ConcurrentDictionary<string, (DateTimeOffset Last, int Suppressed)> _recent = new(StringComparer.Ordinal);

    public async Task ReportAsync(string system, string operation, int? incidentNumber, Exception error, CancellationToken cancellationToken = default)
    {
        var key = $"{system}/{operation}";
        var now = time.GetUtcNow();
        var suppressed = 0;
        var send = true;
        _recent.AddOrUpdate(
            key,
            _ => (now, 0),
            (_, previous) =>
            {
                if (now - previous.Last < Quiet)
                {
                    send = false;
                    return (previous.Last, previous.Suppressed + 1);
                }

                suppressed = previous.Suppressed;
                return (now, 0);
            });

        logger.LogWarning("{System} {Operation} failed for incident {Incident}: {Error}", system, operation, incidentNumber, Describe(error));
        if (!send)
        {
            return;
        }

        var incident = incidentNumber is { } n ? $" (incident {n})" : string.Empty;
        var more = suppressed > 0 ? $"\n_{suppressed} more similar error(s) were not reported in the last {Quiet.TotalMinutes:0} minutes._" : string.Empty;
        var text = $":warning: *{system}*: {operation} failed{incident}: `{SlackMentions.Escape(Describe(error))}`{more}";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<AdminChannel>();
            var tag = new MessageMetadata { EventType = MetadataEventType, EventPayload = new Dictionary<string, string> { [SubjectKey] = key } };
            // A restart (or another instance) forgot what was said: a report of this in the last few minutes, or one whose
            // answer was lost, is in the channel already.
            if (await FindReportAsync(admin, tag, cancellationToken) is { } ts && Recent(ts, now))
            {
                logger.LogInformation("{System} {Operation}: the admin channel was told recently", system, operation);
                return;
            }

            await admin.PostTaggedAsync(text, tag, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not report to the admin channel: {Error}", ex.Message);
        }
    }

    /// <summary>
    /// The last report so tagged in the admin channel. A Slack blip while reading is tried again twice, a second apart:
    /// after a restart this read is all that remembers the report, and giving up at once posted it again. Still
    /// unreadable: null, so the report goes out rather than none.
    /// </summary>
    private async Task<string?> FindReportAsync(AdminChannel admin, MessageMetadata tag, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await admin.FindOrThrowAsync(tag, cancellationToken);
            }
            catch (Exception ex) when (attempt < HistoryAttempts && ErrorClassifier.IsTransient(ex))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (SlackApiException ex)
            {
                logger.LogInformation("Could not read the admin channel's history: {Error}", ex.Error);
                return null;
            }
        }
    }

    private const int HistoryAttempts = 3;

    /// <summary>Posted less than <see cref="Quiet"/> from now (either way: Slack's clock and ours may differ a little).</summary>
    private static bool Recent(string ts, DateTimeOffset now) =>
        double.TryParse(ts, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && (now - DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))).Duration() < Quiet;

    /// <summary>A short description without bodies or headers (which could hold secrets).</summary>
    public static string Describe(Exception error)
    {
        var message = error switch
        {
            Refit.ApiException api => $"HTTP {(int)api.StatusCode} {api.ReasonPhrase}",
            HttpRequestException http when http.StatusCode is { } status => $"HTTP {(int)status}",
            HttpRequestException => "could not connect",
            Polly.Timeout.TimeoutRejectedException or TaskCanceledException => "timed out",
            Polly.CircuitBreaker.BrokenCircuitException => "circuit open after repeated failures",
            _ => error.Message,
        };
        return BlockLimits.Truncate(message, 300);
    }
}
