using IrBot.TestSupport;
using IrBot.Workflows;
using IrBot.Workflows.Running;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Workflows.WorkflowKit;

namespace IrBot.IntegrationTests.Workflows;

/// <summary>Instances are durable: a service that dies mid-instance is resumed by the next start, and nothing is done twice.</summary>
public sealed class WorkflowRestartTests
{
    [Fact]
    public async Task A_restart_while_Slack_is_posting_resumes_the_instance_without_a_second_post()
    {
        using var slack = FakeSlack.Start();
        Arrange(slack);
        var first = await IrBotApp.StartAsync(slack: slack);
        await UploadAsync(first, Sample);
        // Slack takes the town-square post but its answer never reaches us: we die waiting.
        slack.SlowDown("chat.postMessage", TimeSpan.FromSeconds(30));

        await first.SendEventAsync(Message("#sec during a deploy", Ts(1), "EvCRASH01"));
        await IrBotApp.WaitUntilAsync(() => slack.Messages().Any(m => m.Channel == TownSquare), "Slack has the town-square post");
        await first.DisposeAsync();
        slack.ResetOverrides();

        await using var second = await IrBotApp.StartAsync(connectionString: first.ConnectionString, slack: slack);
        await using var db = second.Db();
        await IrBotApp.WaitUntilAsync(
            async () => await db.WorkflowInstances.AsNoTracking().AnyAsync(i => i.CurrentStep == "Triage")
                && await db.WorkflowActionRuns.AsNoTracking().AnyAsync(r => r.Action == "TriagePost" && r.DoneAt != null),
            "the second start carries the instance on to Triage");
        await second.WaitForIdleAsync();

        Assert.Single(slack.Messages(), m => m.Channel == TownSquare);
        Assert.Single(slack.Calls("conversations.create"));
        var room = slack.Channel("security-issue-1")!.Id;
        Assert.Single(slack.Messages(), m => m.Channel == room);
        var townSquare = await db.WorkflowActionRuns.AsNoTracking().SingleAsync(r => r.Action == "attention_post");
        Assert.Equal(slack.Messages().Single(m => m.Channel == TownSquare).Ts, townSquare.MessageTs);
    }

    [Fact]
    public async Task A_restart_after_Slack_made_the_war_room_but_before_we_heard_adopts_that_channel()
    {
        using var slack = FakeSlack.Start();
        Arrange(slack);
        var first = await IrBotApp.StartAsync(slack: slack);
        await UploadAsync(first, Sample);
        slack.SlowDown("conversations.create", TimeSpan.FromSeconds(30));

        await first.SendEventAsync(Message("#sec lost answer", Ts(2), "EvCRASH02"));
        await IrBotApp.WaitUntilAsync(() => slack.Channel("security-issue-1") is not null, "Slack made the channel");
        await first.DisposeAsync();
        slack.ResetOverrides();

        await using var second = await IrBotApp.StartAsync(connectionString: first.ConnectionString, slack: slack);
        await using var db = second.Db();
        await IrBotApp.WaitUntilAsync(
            async () => await db.WorkflowInstances.AsNoTracking().AnyAsync(i => i.CurrentStep == "Triage"),
            "the second start carries the instance on");
        await second.WaitForIdleAsync();

        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync();
        Assert.Equal(WorkflowInstanceStatus.Running, instance.Status);
        Assert.Single(slack.Messages(), m => m.Channel == slack.Channel("security-issue-1")!.Id);
        Assert.Equal(slack.Channel("security-issue-1")!.Id, (await db.WorkflowValues.AsNoTracking().SingleAsync(v => v.Name == WorkflowValue.ChannelId)).Value);
    }
}
