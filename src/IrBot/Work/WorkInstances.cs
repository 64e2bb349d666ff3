using System.Security.Cryptography;
using IrBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Work;

/// <summary>
/// Who this process is among the replicas, for the work leases. Each lease is taken as
/// <c>{InstanceId}#{boot nonce}</c>: the nonce keeps the lives of one instance apart (a save by an older life
/// fails on the <see cref="WorkItem.LockedBy"/> concurrency token), the id lets a restarted process take back
/// what its previous, dead life held without waiting for the leases to run out.
/// The rule that makes this safe: two live replicas never share an id. A start checks it with the
/// <see cref="WorkInstance"/> row: if that row is still beating under another nonce, this process refuses the
/// id (runs under a one-off id instead, taking nothing back) and says so at Error.
/// </summary>
public sealed class WorkInstances(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkOptions> options, ILogger<WorkInstances> logger)
{
    /// <summary>How often the instance row beats. Short: a restart waits up to about two beats to tell a dead life from a live twin.</summary>
    internal static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);

    private readonly string _nonce = RandomNumberGenerator.GetHexString(8, lowercase: true);
    private bool _lostId;

    /// <summary>The instance id in use (the configured one, or a one-off id if that one was taken by a live process).</summary>
    public string Id { get; private set; } = ConfiguredId(options.Value);

    /// <summary>The value written to <see cref="WorkItem.LockedBy"/> by this life of this instance.</summary>
    public string Owner => $"{Id}#{_nonce}";

    internal static string ConfiguredId(WorkOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.InstanceId))
        {
            return options.InstanceId.Trim();
        }

        // The machine name is the pod or container name: stable across restarts of one replica, unique among replicas.
        var name = new string(Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' ? c : '-').ToArray());
        return name.Length == 0 ? "irbot" : name[..Math.Min(name.Length, 50)];
    }

    /// <summary>
    /// Registers this life under the instance id and takes back the work its previous life held. Returns how
    /// many items were taken back.
    /// </summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var row = await db.WorkInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == Id, cancellationToken);
        if (row is not null && row.StoppedAt is null && row.BootNonce != _nonce
            && time.GetUtcNow().UtcDateTime - row.HeartbeatAt < Beat * 3
            && await StillBeatingAsync(db, row, cancellationToken))
        {
            logger.LogError(
                "Work:InstanceId {InstanceId} is in use by another live process (on {Machine}, started {StartedAt:u}); two replicas must never share an id. This process runs as a one-off instance and takes back no work; give each replica its own Work:InstanceId",
                Id,
                row.Machine,
                row.StartedAt);
            Id = $"{Id[..Math.Min(Id.Length, 40)]}-{_nonce}";
            row = null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            db.WorkInstances.Add(new WorkInstance { Id = Id, BootNonce = _nonce, Machine = Machine, StartedAt = now, HeartbeatAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two first starts at once under one id: the other won the row and is alive.
                throw new InvalidOperationException($"Work:InstanceId {Id} was registered by another process starting at the same time; give each replica its own Work:InstanceId.");
            }
        }
        else
        {
            await db.WorkInstances.Where(i => i.Id == Id).ExecuteUpdateAsync(
                s => s.SetProperty(i => i.BootNonce, _nonce).SetProperty(i => i.Machine, Machine).SetProperty(i => i.StartedAt, now)
                    .SetProperty(i => i.HeartbeatAt, now).SetProperty(i => i.StoppedAt, (DateTime?)null),
                cancellationToken);
        }

        return await TakeBackAsync(db, cancellationToken);
    }

    /// <summary>Beats until stopped; a beat that finds another nonce in our row means a twin started with our id.</summary>
    public async Task RunHeartbeatAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Wall-clock beats (not the injected clock): a test's paused clock must not look like a dead process.
            await Task.Delay(Beat, TimeProvider.System, cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
                var now = time.GetUtcNow().UtcDateTime;
                var beat = await db.WorkInstances.Where(i => i.Id == Id && i.BootNonce == _nonce)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatAt, now), cancellationToken);
                if (beat == 0)
                {
                    await LostRowAsync(db, now, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                // A missed beat only makes a restart wait a little longer; the database may be restarting.
                logger.LogDebug("Instance heartbeat missed: {Error}", ex.Message);
            }
        }
    }

    /// <summary>Our row is gone (someone emptied the table: write it again) or carries another nonce (a twin started with our id).</summary>
    private async Task LostRowAsync(IrBotDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (!await db.WorkInstances.AnyAsync(i => i.Id == Id, cancellationToken))
        {
            db.WorkInstances.Add(new WorkInstance { Id = Id, BootNonce = _nonce, Machine = Machine, StartedAt = now, HeartbeatAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (!_lostId)
        {
            _lostId = true;
            logger.LogError("Work:InstanceId {InstanceId} was taken by another process that started with the same id; two replicas must never share an id", Id);
        }
    }

    /// <summary>A graceful stop: the next life of this id need not wait to see whether we are still beating.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        await db.WorkInstances.Where(i => i.Id == Id && i.BootNonce == _nonce)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.StoppedAt, now), cancellationToken);
    }

    private static string Machine => Environment.MachineName.Length <= 128 ? Environment.MachineName : Environment.MachineName[..128];

    /// <summary>
    /// A row that beat recently may belong to our own previous life (just killed) or to a live twin: watch it
    /// for two beats. Only a twin keeps beating.
    /// </summary>
    private static async Task<bool> StillBeatingAsync(IrBotDbContext db, WorkInstance row, CancellationToken cancellationToken)
    {
        await Task.Delay((Beat * 2) + TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        var again = await db.WorkInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == row.Id, cancellationToken);
        return again is not null && again.StoppedAt is null && (again.HeartbeatAt != row.HeartbeatAt || again.BootNonce != row.BootNonce);
    }

    /// <summary>Clears the leases held by earlier lives of this id, so their items are due at once.</summary>
    private async Task<int> TakeBackAsync(IrBotDbContext db, CancellationToken cancellationToken)
    {
        var prefix = Id + "#";
        var held = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkStatus.Pending && w.LockedBy != null)
            .Select(w => new { w.Id, w.LockedBy })
            .ToListAsync(cancellationToken);
        var taken = 0;
        foreach (var item in held.Where(h => h.LockedBy!.StartsWith(prefix, StringComparison.Ordinal) && h.LockedBy != Owner))
        {
            taken += await db.WorkItems
                .Where(w => w.Id == item.Id && w.LockedBy == item.LockedBy && w.Status == WorkStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockedUntil, (DateTime?)null).SetProperty(w => w.LockedBy, (string?)null), cancellationToken);
        }

        return taken;
    }
}
