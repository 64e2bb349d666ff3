using IrBot.Incidents.Opening;
using IrBot.SlackApp;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Work;

/// <summary>
/// Openings and archives are slow (Slack paces channel creation at about 20 a minute); a burst of them must not
/// hold every work slot while the short work behind them (events, clicks) waits.
/// </summary>
public sealed class LongWorkLaneTests
{
    [Fact]
    public async Task An_event_is_handled_while_more_openings_than_work_slots_are_stuck_inviting()
    {
        using var slack = FakeSlack.Start();
        // Four slots (the default): the openings may take two of them.
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Work:Concurrency"] = "4" }, slack: slack);
        slack.Override("conversations.invite", 200, new { ok = true }, delay: TimeSpan.FromSeconds(60));
        for (var i = 1; i <= 5; i++)
        {
            Assert.True((await app.SendCommandAsync($"incident Burst {i}")).IsSuccessStatusCode);
        }

        await IrBotApp.WaitUntilAsync(() => slack.Calls("conversations.create").Count >= 2, "two openings have made their channels and are inviting");

        var joined = SlackPayloads.InnerEvent("events/member_joined_channel_inner_event_with_inviter.json", ("channel", "CNOTANINCIDENT"));
        Assert.True((await app.SendEventAsync(SlackPayloads.EventEnvelope(joined, "EvLANE0001"))).IsSuccessStatusCode);

        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.WorkItems.AnyAsync(w => w.Kind == SlackEventWork.Kind && w.Status == WorkStatus.Done);
            },
            "the event's work is done while the openings wait on Slack",
            TimeSpan.FromSeconds(30));

        await using var check = app.Db();
        var openingsDone = await check.WorkItems.CountAsync(w => w.Kind == OpenIncidentWork.Kind && w.Status == WorkStatus.Done);
        Assert.Equal(0, openingsDone);
        // No more openings hold a lease at once than their lane allows.
        var now = DateTime.UtcNow;
        Assert.InRange(await check.WorkItems.CountAsync(w => w.Kind == OpenIncidentWork.Kind && w.LockedUntil > now), 0, 2);
    }
}
