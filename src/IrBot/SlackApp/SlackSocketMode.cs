using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using IrBot.Slack.SocketMode;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IrBot.SlackApp;

/// <summary>
/// Socket Mode (when <c>Slack:AppToken</c> is set): keeps <see cref="Connections"/> WebSockets open to Slack, so that
/// while one is refreshed the other still receives, and feeds every envelope to <see cref="SlackDispatcher"/>,
/// acknowledging it with the dispatcher's answer. A refresh (<c>disconnect</c>) opens the next connection before the
/// old one is let go; a drop reconnects after a backoff. An envelope delivered twice (Slack re-sends late
/// acknowledgements, maybe on the other connection) is dispatched once and acknowledged with the same answer.
/// </summary>
public sealed class SlackSocketMode(
    IOptionsMonitor<SlackOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<SlackSocketMode> logger) : BackgroundService, IHealthCheck
{
    /// <summary>Slack allows up to 10; two means a refresh of one never leaves the app deaf.</summary>
    public const int Connections = 2;

    private const int MaxBackoffSeconds = 30;

    /// <summary>Slack's answers to apps.connections.open that mean the app token itself is wrong.</summary>
    private static readonly HashSet<string> Rejections = ["invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked", "token_expired", "account_inactive", "missing_scope"];

    /// <summary>How long an answer is kept to acknowledge a repeated delivery with it (Slack re-sends within minutes).</summary>
    private static readonly TimeSpan AnswerKept = TimeSpan.FromMinutes(10);

    /// <summary>How long a refreshed connection may still deliver before it is closed from our side.</summary>
    private static readonly TimeSpan RefreshGrace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Task<SlackAck> Answer, DateTimeOffset Seen)> _answers = new(StringComparer.Ordinal);
    private int _open;
    private volatile string _problem = "Socket Mode not connected yet";

    /// <summary>Connections that said hello and are still up.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !options.CurrentValue.SocketMode ? HealthCheckResult.Healthy("HTTP mode (Slack:AppToken not set)")
            : OpenConnections > 0 ? HealthCheckResult.Healthy($"Socket Mode connected ({OpenConnections} connection(s))")
            : HealthCheckResult.Unhealthy(_problem));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.SocketMode)
        {
            return;
        }

        logger.LogInformation("Slack Socket Mode: opening {Connections} connections (Slack:AppToken is set)", Connections);
        await Task.WhenAll(Enumerable.Range(1, Connections).Select(slot => KeepConnectedAsync(slot, stoppingToken)));
        await Task.WhenAll(_answers.Values.Select(a => (Task)a.Answer).Where(t => !t.IsCompleted)).WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One of the connections: connect, read until Slack refreshes it or it drops, connect again.</summary>
    private async Task KeepConnectedAsync(int slot, CancellationToken stoppingToken)
    {
        var failures = 0;
        var draining = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            string? reason = null;
            try
            {
                var connection = await ConnectAsync(stoppingToken);
                (bool HelloSeen, string? Disconnect) read;
                try
                {
                    read = await ReadAsync(slot, connection, stoppingToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }

                var (helloSeen, disconnect) = read;
                failures = helloSeen ? 0 : failures + 1;
                reason = disconnect;
                if (disconnect is DisconnectReasons.Warning or DisconnectReasons.RefreshRequested)
                {
                    // Connect the next one at once; the old one may still deliver until Slack closes it.
                    draining.RemoveAll(t => t.IsCompleted);
                    draining.Add(DrainAsync(slot, connection, stoppingToken));
                    continue;
                }

                await connection.DisposeAsync();
                if (disconnect == DisconnectReasons.LinkDisabled)
                {
                    _problem = "Socket Mode is turned off in the Slack app's settings (disconnect: link_disabled)";
                    logger.LogError("Slack turned Socket Mode off for this app (link_disabled): turn it on in the app's settings, or unset Slack:AppToken and use the HTTP request URLs");
                    failures = Math.Max(failures, 5);
                }
                else
                {
                    logger.LogInformation("Slack Socket Mode connection {Slot} ended; reconnecting", slot);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (SlackApiException ex)
            {
                failures++;
                _problem = $"apps.connections.open failed ({ex.Error}): check Slack:AppToken (an app-level token xapp-… with connections:write)";
                // A rejected token needs a human (once); Slack having a moment does not.
                logger.Log(
                    failures == 1 && Rejections.Contains(ex.Error) ? LogLevel.Error : LogLevel.Warning,
                    "Slack Socket Mode: apps.connections.open failed ({SlackError}); check Slack:AppToken (an app-level token xapp-… with the connections:write scope)",
                    ex.Error);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or Refit.ApiException or TimeoutException or OperationCanceledException or JsonException)
            {
                failures++;
                logger.LogWarning("Slack Socket Mode connection {Slot} dropped: {Error}; reconnecting", slot, ex.Message);
            }

            if (reason is null || failures > 0)
            {
                try
                {
                    await Task.Delay(Backoff.Exponential(Math.Max(0, failures - 1), MaxBackoffSeconds, jitter: 0.25), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(draining);
    }

    private async Task<SocketModeConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        string url;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var apps = scope.ServiceProvider.GetRequiredService<ISlackAppsApi>();
            url = (await apps.OpenConnectionAsync(settings.AppToken.Trim(), cancellationToken)).Url
                ?? throw new SlackApiException("apps.connections.open", "no_url");
        }

        if (settings.SocketDebugReconnects)
        {
            url = QueryHelpers.AddQueryString(url, "debug_reconnects", "true");
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        return await SocketModeConnection.ConnectAsync(new Uri(url), linked.Token);
    }

    /// <summary>Reads until Slack says <c>disconnect</c> (its reason) or the connection ends (null).</summary>
    private async Task<(bool HelloSeen, string? Disconnect)> ReadAsync(int slot, SocketModeConnection connection, CancellationToken stoppingToken)
    {
        var helloSeen = false;
        try
        {
            while (await connection.ReceiveAsync(stoppingToken) is { } envelope)
            {
                switch (envelope.Type)
                {
                    case SocketModeTypes.Hello:
                        helloSeen = true;
                        Interlocked.Increment(ref _open);
                        logger.LogInformation(
                            "Slack Socket Mode connection {Slot} ready ({Connections} open at Slack; refreshed in about {Seconds} s)",
                            slot,
                            envelope.NumConnections,
                            envelope.DebugInfo?.ApproximateConnectionTime);
                        break;
                    case SocketModeTypes.Disconnect:
                        logger.LogInformation("Slack Socket Mode connection {Slot}: disconnect ({Reason})", slot, envelope.Reason);
                        return (helloSeen, envelope.Reason ?? DisconnectReasons.RefreshRequested);
                    default:
                        Accept(connection, envelope, stoppingToken);
                        break;
                }
            }

            return (helloSeen, null);
        }
        catch (Exception ex) when (ex is WebSocketException or JsonException)
        {
            logger.LogWarning("Slack Socket Mode connection {Slot} dropped: {Error}", slot, ex.Message);
            return (helloSeen, null);
        }
        finally
        {
            if (helloSeen)
            {
                Interlocked.Decrement(ref _open);
            }
        }
    }

    /// <summary>A refreshed connection: still handle what it delivers until Slack closes it (or the grace ends).</summary>
    private async Task DrainAsync(int slot, SocketModeConnection connection, CancellationToken stoppingToken)
    {
        using var grace = new CancellationTokenSource(RefreshGrace, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, grace.Token);
        try
        {
            while (await connection.ReceiveAsync(linked.Token) is { } envelope)
            {
                if (envelope.EnvelopeId is not null)
                {
                    Accept(connection, envelope, stoppingToken);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
            logger.LogDebug("Refreshed Socket Mode connection {Slot} ended: {Error}", slot, ex.Message);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Dispatches without holding up the reading, then acknowledges on the connection it came on.</summary>
    private void Accept(SocketModeConnection connection, SocketModeEnvelope envelope, CancellationToken stoppingToken)
    {
        if (envelope.EnvelopeId is not { } envelopeId)
        {
            logger.LogDebug("Ignoring Socket Mode message of type {Type}", envelope.Type);
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (id, old) in _answers)
        {
            if (now - old.Seen > AnswerKept && old.Answer.IsCompleted)
            {
                _answers.TryRemove(id, out _);
            }
        }

        var answer = _answers.GetOrAdd(envelopeId, _ => (DispatchAsync(envelope, stoppingToken), now)).Answer;
        _ = AckAsync(connection, envelope, envelopeId, answer, stoppingToken);
    }

    private async Task<SlackAck> DispatchAsync(SocketModeEnvelope envelope, CancellationToken stoppingToken)
    {
        await Task.Yield();
        SlackPayloadKind? kind = envelope.Type switch
        {
            SocketModeTypes.SlashCommands => SlackPayloadKind.Command,
            SocketModeTypes.Interactive => SlackPayloadKind.Interaction,
            SocketModeTypes.EventsApi => SlackPayloadKind.Event,
            _ => null,
        };
        if (kind is null || envelope.Payload is not { } body)
        {
            logger.LogInformation("Acknowledging Socket Mode envelope of type {Type} without handling it", envelope.Type);
            return SlackAck.Empty;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<SlackDispatcher>();
            var payload = new SlackPayload
            {
                Body = JsonSerializer.SerializeToUtf8Bytes(body),
                DeliveryId = envelope.EnvelopeId,
                RetryAttempt = envelope.RetryAttempt,
            };
            var ack = await dispatcher.DispatchAsync(kind.Value, payload, stoppingToken);
            if (ack.IsBadRequest)
            {
                logger.LogWarning("Socket Mode envelope {EnvelopeId} of type {Type} was refused: {Answer}", envelope.EnvelopeId, envelope.Type, ack);
            }

            return ack;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Acknowledged all the same: Slack would only send it again to fail the same way.
            logger.LogError(ex, "Socket Mode envelope {EnvelopeId} of type {Type} failed", envelope.EnvelopeId, envelope.Type);
            return SlackAck.Empty;
        }
    }

    private async Task AckAsync(SocketModeConnection connection, SocketModeEnvelope envelope, string envelopeId, Task<SlackAck> answer, CancellationToken stoppingToken)
    {
        try
        {
            var ack = await answer;
            var payload = envelope.AcceptsResponsePayload && !ack.IsBadRequest ? ack.Body : null;
            await connection.AckAsync(new SocketModeAck { EnvelopeId = envelopeId, Payload = payload }, stoppingToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection went meanwhile: Slack sends the envelope again, and the repeat gets the same answer.
            logger.LogDebug("Could not acknowledge Socket Mode envelope {EnvelopeId}: {Error}", envelopeId, ex.Message);
        }
    }
}
