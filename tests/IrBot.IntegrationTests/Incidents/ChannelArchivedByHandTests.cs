using IrBot.Incidents;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

[Collection(SharedApp.Incidents)]
public sealed class ChannelArchivedByHandTests(SharedApp shared)
{
    [Fact]
    public async Task Archiving_the_channel_by_hand_closes_the_incident_and_tells_the_admins_what_is_left()
    {
        var app = await shared.ResetAsync();
        await using (var db = app.Db())
        {
            db.Incidents.Add(new Incident { Number = 3, Title = "Lost laptop", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember, OpenedAt = DateTime.UtcNow, ChannelId = "CARCHIVED1", ChannelName = "ir-20261125" });
            await db.SaveChangesAsync();
        }

        var archived = SlackPayloads.InnerEvent("events/channel_archive_inner_event.json", ("channel", "CARCHIVED1"), ("user", "UHUMAN0001"));
        await app.SendEventAsync(SlackPayloads.EventEnvelope(archived, "Ev0ARCHIVE1"));
        await app.WaitForIdleAsync();

        await using var check = app.Db();
        var incident = await check.Incidents.SingleAsync();
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.NotNull(incident.ClosedAt);
        var notice = Assert.Single(app.Slack.PostedTo(IrBotApp.AdminChannel));
        Assert.Contains("Incident 3: Lost laptop was archived by <@UHUMAN0001> without `/irbot archive`", (string?)notice["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archiving_another_channel_changes_nothing()
    {
        var app = await shared.ResetAsync();

        var archived = SlackPayloads.InnerEvent("events/channel_archive_inner_event.json");
        await app.SendEventAsync(SlackPayloads.EventEnvelope(archived, "Ev0ARCHIVE2"));
        await app.WaitForIdleAsync();

        Assert.Empty(app.Slack.PostedTo(IrBotApp.AdminChannel));
    }
}
