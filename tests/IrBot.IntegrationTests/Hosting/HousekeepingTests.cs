using IrBot.TestSupport;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.IntegrationTests.Hosting;

public sealed class HousekeepingTests
{
    [Fact]
    public async Task Old_finished_work_and_old_event_ids_go_but_failed_and_recent_ones_stay()
    {
        await using var app = await IrBotApp.StartAsync();
        var now = DateTime.UtcNow;
        await using (var db = app.Db())
        {
            db.WorkItems.AddRange(
                Item("old-done", WorkStatus.Done, now.AddDays(-15)),
                Item("old-failed", WorkStatus.Failed, now.AddDays(-15)),
                Item("new-done", WorkStatus.Done, now.AddDays(-1)));
            db.ProcessedEvents.AddRange(
                new ProcessedEvent { EventId = "EvOLD", EventType = "message", ReceivedAt = now.AddDays(-3) },
                new ProcessedEvent { EventId = "EvNEW", EventType = "message", ReceivedAt = now.AddMinutes(-10) });
            await db.SaveChangesAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<Housekeeping>().CleanAsync(CancellationToken.None);

        Assert.Equal((1, 1), removed);
        await using var check = app.Db();
        Assert.Equal(["new-done", "old-failed"], await check.WorkItems.Select(w => w.Kind).OrderBy(k => k).ToListAsync());
        Assert.Equal(["EvNEW"], await check.ProcessedEvents.Select(e => e.EventId).ToListAsync());
    }

    private static WorkItem Item(string kind, WorkStatus status, DateTime updated) => new()
    {
        Kind = kind,
        Payload = "{}",
        Status = status,
        CreatedAt = updated,
        UpdatedAt = updated,
        NextAttemptAt = updated,
    };
}
