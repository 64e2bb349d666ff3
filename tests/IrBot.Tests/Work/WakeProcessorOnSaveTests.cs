using IrBot.Tests.Data;
using IrBot.Data;
using IrBot.Work;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tests.Work;

/// <summary>Queued work wakes the processor by itself once it is committed: no caller has to remember to.</summary>
public sealed class WakeProcessorOnSaveTests : IAsyncLifetime, IDisposable
{
    // How long a wait that is not woken lasts before it reports "not woken".
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly WorkQueue _queue = new(TimeProvider.System);
    private SqliteIrBotDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = await InMemorySqlite.OpenMigratedAsync(_connection, new WakeProcessorOnSave(_queue));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Saving_new_work_wakes_the_processor()
    {
        _queue.Add(_db, "tests.probe", new { });
        await _db.SaveChangesAsync();

        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task Saving_other_rows_does_not_wake_the_processor()
    {
        _db.Incidents.Add(new IrBot.Incidents.Incident { Number = 1, Title = "t", RequestedBy = "U1" });
        await _db.SaveChangesAsync();

        Assert.False(await WokenAsync());
    }

    [Fact]
    public async Task Work_saved_inside_a_transaction_wakes_the_processor_when_it_commits()
    {
        await using var transaction = await _db.Database.BeginTransactionAsync();
        _queue.Add(_db, "tests.probe", new { });
        await _db.SaveChangesAsync();
        Assert.False(await WokenAsync());

        await transaction.CommitAsync();

        Assert.True(await WokenAsync());
    }

    private Task<bool> WokenAsync() => _queue.WaitAsync(Poll, CancellationToken.None);
}
