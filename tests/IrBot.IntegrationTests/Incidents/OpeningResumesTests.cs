using System.Globalization;
using IrBot.Incidents;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>The service dies in the middle of opening an incident; the next start finishes it, once.</summary>
public sealed class OpeningResumesTests
{
    private static string Today => "ir-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_restart_while_inviting_finishes_the_opening_without_a_second_channel_or_message()
    {
        using var slack = FakeSlack.Start();
        var first = await IrBotApp.StartAsync(slack: slack);
        slack.Override("conversations.invite", 200, new { ok = true }, delay: TimeSpan.FromSeconds(30));

        await first.SendCommandAsync("incident Ransomware on file servers");
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = first.Db();
                return await db.Incidents.AnyAsync(i => i.ChannelId != null);
            },
            "the channel exists and the invites are under way");
        await Task.Delay(500);
        await first.DisposeAsync();
        slack.ResetOverrides();

        await using var second = await IrBotApp.StartAsync(connectionString: first.ConnectionString, slack: slack);
        await using var db = second.Db();
        await IrBotApp.WaitUntilAsync(
            async () => await db.Incidents.AsNoTracking().AnyAsync(i => i.Number == 1 && i.Status == IncidentStatus.Active),
            "the opening is finished by the second instance");

        var incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Single(slack.Calls("conversations.create"));
        Assert.Single(slack.Calls("conversations.setTopic"));
        Assert.Single(slack.PostedTo(incident.ChannelId!));
        Assert.Equal(Today, incident.ChannelName);
    }

    [Fact]
    public async Task A_restart_after_Slack_made_the_channel_but_before_we_heard_adopts_that_channel()
    {
        using var slack = FakeSlack.Start();
        var first = await IrBotApp.StartAsync(slack: slack);
        // Slack is slow to answer conversations.create; we die before the answer arrives.
        slack.Override("conversations.create", 200, new { ok = true }, delay: TimeSpan.FromSeconds(30));

        await first.SendCommandAsync("incident Lost answer");
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = first.Db();
                return await db.Incidents.AnyAsync(i => i.ChannelName != null);
            },
            "the channel name is chosen and the create is under way");
        await Task.Delay(500);
        await first.DisposeAsync();
        // ...but Slack did create it.
        slack.AddChannel("CMADEBYUS1", Today, creator: IrBotApp.BotUserId);
        slack.ResetOverrides();

        await using var second = await IrBotApp.StartAsync(connectionString: first.ConnectionString, slack: slack);
        await using var db = second.Db();
        await IrBotApp.WaitUntilAsync(
            async () => await db.Incidents.AsNoTracking().AnyAsync(i => i.Status == IncidentStatus.Active),
            "the opening is finished by the second instance");

        var incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Equal("CMADEBYUS1", incident.ChannelId);
        Assert.Equal(Today, incident.ChannelName);
        Assert.DoesNotContain(slack.Calls("conversations.create"), c => ((string?)c.Json["name"])!.EndsWith("-2", StringComparison.Ordinal));
        Assert.Single(slack.PostedTo("CMADEBYUS1"));
    }
}
