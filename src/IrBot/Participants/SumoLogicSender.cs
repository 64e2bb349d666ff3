using IrBot.SlackApp;
using IrBot.Incidents;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.Integrations.SumoLogic;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Participants;

/// <summary>
/// Ships membership events to the Sumo Logic HTTP source, one NDJSON line each (see <see cref="Line"/>). Events are stored first (SentToSumoAt null =
/// pending); this one sender reads them in id order, posts them as NDJSON batches (≤ 1 MB), and marks
/// them sent only after a 200 (one sender at a time, across instances too). A failed batch stays pending and is sent again after a backoff, so
/// nothing is lost; nothing is marked twice, so nothing is sent twice by this sender.
/// </summary>
public sealed class SumoLogicSender(
    IServiceScopeFactory scopes,
    SumoLogicCollector collector,
    IOptionsMonitor<SumoLogicOptions> options,
    UserDirectory people,
    IntegrationErrors errors,
    TimeProvider time,
    ILogger<SumoLogicSender> logger) : BackgroundService
{
    private readonly Channel<bool> _wakeUp = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _single = new(1, 1);

    public void Notify() => _wakeUp.Writer.TryWrite(true);

    public override void Dispose()
    {
        _single.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.FlushSeconds));
            if (options.CurrentValue.Enabled)
            {
                try
                {
                    await FlushAsync(stoppingToken);
                    failures = 0;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    failures++;
                    // Exponential backoff with jitter, on top of the retries inside the HTTP pipeline.
                    wait = Backoff.Exponential(failures, options.CurrentValue.MaxBackoffSeconds, jitter: 0.2);
                    await errors.ReportAsync("Sumo Logic", "send membership events", null, ex, stoppingToken);
                }
            }

            // Wall-clock pacing, like the work processor's polling: a test's paused clock must not stop the sender.
            using var timeout = new CancellationTokenSource(wait, TimeProvider.System);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await _wakeUp.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Sends every pending event now, batch after batch. Throws when a batch is refused; it stays pending.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return;
        }

        await _single.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var lockDb = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            if (!await TryLockAsync(lockDb, cancellationToken))
            {
                // Another instance is sending; it will also pick up what this one stored.
                await UnlockAsync(lockDb);
                return;
            }

            try
            {
                while (await SendNextBatchAsync(settings, cancellationToken))
                {
                }
            }
            finally
            {
                await UnlockAsync(lockDb);
            }
        }
        finally
        {
            _single.Release();
        }
    }

    // One sender across instances: a PostgreSQL transaction-level advisory lock, taken in a transaction
    // that stays open on this context while other contexts commit the batches. It ends with the
    // transaction: on rollback, when the connection goes back to the pool, or when the process dies.
    // The embedded SQLite database has a single instance by nature.
    internal const long SenderLockKey = 0x1B07_5040_0001;

    private static bool IsPostgres(IrBotDbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static async Task<bool> TryLockAsync(IrBotDbContext db, CancellationToken cancellationToken)
    {
        if (!IsPostgres(db))
        {
            return true;
        }

        await db.Database.BeginTransactionAsync(cancellationToken);
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SenderLockKey}) AS \"Value\"").SingleAsync(cancellationToken);
    }

    private static async Task UnlockAsync(IrBotDbContext db)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.Database.RollbackTransactionAsync(CancellationToken.None);
        }
    }

    private async Task<bool> SendNextBatchAsync(SumoLogicOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var pending = await db.MembershipEvents
            .Where(m => m.SentToSumoAt == null)
            .OrderBy(m => m.Id)
            .Take(500)
            .Join(db.Incidents, m => m.IncidentId, i => i.Id, (m, i) => new { Event = m, i.Number, i.ChannelId, i.ChannelName })
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return false;
        }

        var limit = Math.Clamp(settings.BatchBytes, 1024, SumoLogicOptions.MaxBatchBytes);
        var body = new MemoryStream();
        var batch = new List<MembershipEvent>();
        foreach (var row in pending)
        {
            var user = await people.FindAsync(row.Event.UserId, cancellationToken);
            var line = Line(row.Event, user, row.Number, row.ChannelId, row.ChannelName);
            if (batch.Count > 0 && body.Length + line.Length > limit)
            {
                break;
            }

            body.Write(line);
            batch.Add(row.Event);
        }

        await collector.SendAsync(body.ToArray(), cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var sent in batch)
        {
            sent.SentToSumoAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sent {Count} membership events to Sumo Logic", batch.Count);
        return true;
    }

    /// <summary>One NDJSON line; the timestamp comes first so Sumo's timestamp detection picks it.</summary>
    public static byte[] Line(MembershipEvent membership, Slack.WebApi.SlackUser? user, int incidentNumber, string? channelId, string? channelName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.SpecifyKind(membership.OccurredAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("slack_user_id", membership.UserId);
            json.WriteString("email", user?.Profile?.Email);
            json.WriteString("name", user?.DisplayName);
            json.WriteString("event", membership.Kind == MembershipKind.Joined ? "enter" : "leave");
            json.WriteString("channel_id", channelId);
            json.WriteString("channel", channelName);
            json.WriteNumber("incident", incidentNumber);
            // Slack's event id: delivery is at least once (a crash between Sumo's 200 and marking the batch sent sends it
            // again), so searches can drop a repeat with `| dedup event_id`.
            if (membership.SlackEventId is not null)
            {
                json.WriteString("event_id", membership.SlackEventId);
            }
            if (membership.InviterId is not null)
            {
                json.WriteString("inviter_id", membership.InviterId);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
