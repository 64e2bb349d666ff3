using System.Text.Json.Nodes;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.Workflows;
using IrBot.Workflows.Running;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Workflows.WorkflowKit;

namespace IrBot.IntegrationTests.Workflows;

/// <summary>The reference's sample workflow, uploaded unchanged, run in Slack from a #sec message to the archive.</summary>
[Collection(SharedApp.Workflows)]
public sealed class WorkflowRunTests(SharedApp shared) : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await shared.ResetAsync();
        Arrange(_app.Slack);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_sample_workflow_runs_from_a_sec_message_to_the_archived_war_room()
    {
        var upload = await UploadAsync(_app, Sample);
        Assert.Equal("", await upload.Content.ReadAsStringAsync());
        Assert.Contains(_app.Slack.PostedTo(IrBotApp.AdminChannel), p => Text(p).Contains("uploaded the workflows (version 1): added security_issue", StringComparison.Ordinal));

        var ts = Ts(1);
        await _app.SendEventAsync(Message("#sec Someone phished the CFO", ts, "EvSEC0001"));
        await _app.WaitForIdleAsync();

        // Setup: the war room, its people, the link in town-square; then Triage's post in the war room.
        var create = Assert.Single(_app.Slack.Calls("conversations.create"));
        Assert.Equal("security-issue-1", (string?)create.Json["name"]);
        var room = _app.Slack.Channel("security-issue-1")!.Id;
        Assert.Equal("Security Issue 1", (string?)Assert.Single(_app.Slack.Calls("conversations.setPurpose")).Json["purpose"]);
        var invited = ((string?)Assert.Single(_app.Slack.Calls("conversations.invite")).Json["users"])!.Split(',');
        Assert.Equal([Jon, Chris], invited);
        Assert.Equal($"Security issue reported. War room created: <#{room}>", Text(Assert.Single(Posts(_app, TownSquare))));
        var triage = Assert.Single(Posts(_app, room));
        Assert.Equal("New issue to triage:\n ```#sec Someone phished the CFO```", Text(triage));
        var blocks = BlockText(triage);
        Assert.Contains("*Please add details to this issue*", blocks, StringComparison.Ordinal);
        Assert.Contains("*Transition to step*", blocks, StringComparison.Ordinal);
        Assert.Contains("*Triaged* — Issue has been triaged", blocks, StringComparison.Ordinal);
        Assert.Contains("static_select", triage["blocks"]!.ToJsonString(), StringComparison.Ordinal);

        // Triage: people choose values; the post shows each and who chose it.
        await _app.SendInteractionAsync(Button(WorkflowPostMessage.FieldActionId, BlockId(triage, "wff", "Alert"), Jon, room));
        await _app.WaitForIdleAsync();
        await _app.SendInteractionAsync(Select(BlockId(triage, "wff", "Likelihood"), "L2", Chris, room));
        await _app.SendInteractionAsync(Select(BlockId(triage, "wff", "Impact"), "I1", Chris, room));
        await _app.SendInteractionAsync(Select(BlockId(triage, "wff", "Severity"), "S2", Chris, room));
        await _app.WaitForIdleAsync();
        var redrawn = BlockText(_app.Slack.Calls("chat.update")[^1].Json);
        Assert.Contains($":white_check_mark: *<@{Jon}>*", redrawn, StringComparison.Ordinal);
        Assert.Contains($":white_check_mark: *S2* — chosen by <@{Chris}>", redrawn, StringComparison.Ordinal);

        // Triaged → DevelopFix: Triage's finish action, then the values in DevelopFix's post.
        await _app.SendInteractionAsync(Button(WorkflowPostMessage.TransitionActionId, BlockId(triage, "wft", "0"), Chris, room));
        await _app.WaitForIdleAsync();
        var posts = Posts(_app, room);
        Assert.Equal("Finished Triage", Text(posts[1]));
        Assert.Equal("Developing a fix underway. Issue information:\n\nLikelihood: L2\nImpact: I1\nSeverity: S2", Text(posts[2]));
        Assert.Contains($"<@{Chris}> chose *Triaged* → step DevelopFix", BlockText(_app.Slack.Calls("chat.update")[^1].Json), StringComparison.Ordinal);

        // Resolved: the posts, then the war room archived; nothing can move the instance any more.
        await _app.SendInteractionAsync(Button(WorkflowPostMessage.TransitionActionId, BlockId(posts[2], "wft", "1"), Jon, room));
        await _app.WaitForIdleAsync();
        Assert.Equal("Resolved.", Text(Posts(_app, room).Last()));
        Assert.Equal("Resolved Security Issue 1", Text(Posts(_app, TownSquare).Last()));
        Assert.Equal(room, (string?)Assert.Single(_app.Slack.Calls("conversations.archive")).Json["channel"]);

        await using var db = _app.Db();
        var instance = await db.WorkflowInstances.SingleAsync();
        Assert.Equal(WorkflowInstanceStatus.Finished, instance.Status);
        Assert.Equal(1, instance.Number);
        Assert.Equal("Resolved", instance.CurrentStep);
        Assert.Equal(MessageTriggerHandler.MessageTime(ts), instance.StartedAt);
        Assert.Equal(Jon, instance.AcknowledgedBy);
        Assert.NotNull(instance.ResolvedAt);
        Assert.True(instance.AcknowledgedAt <= instance.ResolvedAt);
        Assert.Equal(Chris, (await db.WorkflowValues.SingleAsync(v => v.Name == "Severity")).ChosenBy);
    }

    [Fact]
    public async Task A_retried_event_and_a_second_delivery_of_the_same_message_start_one_instance()
    {
        await UploadAsync(_app, Sample);
        var ts = Ts(2);
        await _app.SendEventAsync(Message("#sec twice", ts, "EvTWICE01"));
        await _app.SendEventAsync(Message("#sec twice", ts, "EvTWICE01"), retryNum: 1);
        // The same message under another event id (Slack does this when two subscriptions see it).
        await _app.SendEventAsync(Message("#sec twice", ts, "EvTWICE02"));
        await _app.WaitForIdleAsync();

        Assert.Single(_app.Slack.Calls("conversations.create"));
        await using var db = _app.Db();
        Assert.Equal(1, await db.WorkflowInstances.CountAsync());
    }

    [Fact]
    public async Task Bot_messages_edits_joins_and_messages_without_the_keyword_start_nothing()
    {
        await UploadAsync(_app, Sample);
        await _app.SendEventAsync(Message("#sec from a bot", Ts(3), "EvBOT0001", more: ("bot_id", "B0OTHER01")));
        await _app.SendEventAsync(Message("#sec edited", Ts(4), "EvEDIT001", more: ("subtype", "message_changed")));
        await _app.SendEventAsync(Message("#sec joined", Ts(5), "EvJOIN001", more: ("subtype", "channel_join")));
        await _app.SendEventAsync(Message("#sec from ourselves", Ts(6), "EvSELF001", user: IrBotApp.BotUserId));
        await _app.SendEventAsync(Message("a #SEC shouted is not #sec typed", Ts(7), "EvCASE001").Replace("#sec typed", "sec typed", StringComparison.Ordinal));
        await _app.WaitForIdleAsync();

        Assert.Empty(_app.Slack.Calls("conversations.create"));
        await using var db = _app.Db();
        Assert.False(await db.WorkflowInstances.AnyAsync());
    }

    [Fact]
    public async Task Two_people_clicking_a_transition_at_once_move_the_instance_once()
    {
        await UploadAsync(_app, Sample);
        await _app.SendEventAsync(Message("#sec race", Ts(8), "EvRACE001"));
        await _app.WaitForIdleAsync();
        var room = _app.Slack.Channel("security-issue-1")!.Id;
        var triage = Posts(_app, room).Single();

        var triaged = BlockId(triage, "wft", "0");
        await Task.WhenAll(
            _app.SendInteractionAsync(Button(WorkflowPostMessage.TransitionActionId, triaged, Jon, room)),
            _app.SendInteractionAsync(Button(WorkflowPostMessage.TransitionActionId, triaged, Chris, room)));
        await _app.WaitForIdleAsync();

        var texts = Posts(_app, room).Select(Text).ToList();
        Assert.Single(texts, t => t == "Finished Triage");
        Assert.Single(texts, t => t.StartsWith("Developing a fix underway", StringComparison.Ordinal));
        await using var db = _app.Db();
        var instance = await db.WorkflowInstances.SingleAsync();
        Assert.Equal("DevelopFix", instance.CurrentStep);
        Assert.Equal(3, instance.StepEntry); // Setup 1, Triage 2, DevelopFix 3
    }

    [Fact]
    public async Task A_taken_channel_name_fails_the_instance_with_a_threaded_reply_and_a_word_to_the_admins()
    {
        await UploadAsync(_app, Sample);
        _app.Slack.AddChannel("CTAKEN0001", "security-issue-1");
        var ts = Ts(9);
        await _app.SendEventAsync(Message("#sec taken", ts, "EvTAKEN01"));
        await _app.WaitForIdleAsync();

        var reply = _app.Slack.PostedTo(General).Single();
        Assert.Equal(ts, (string?)reply["thread_ts"]);
        Assert.Equal(":x: Workflow *security_issue* (instance 1) failed: action CreateWarroom: a channel named #security-issue-1 already exists", Text(reply));
        Assert.Contains(_app.Slack.PostedTo(IrBotApp.AdminChannel), p => Text(p).Contains("a channel named #security-issue-1 already exists", StringComparison.Ordinal));
        Assert.Empty(_app.Slack.Calls("conversations.invite"));
        Assert.Empty(_app.Slack.PostedTo(TownSquare));
        await using var db = _app.Db();
        var instance = await db.WorkflowInstances.SingleAsync();
        Assert.Equal(WorkflowInstanceStatus.Failed, instance.Status);
        Assert.NotNull(instance.EndedAt);
    }

    [Fact]
    public async Task Users_given_by_user_group_handle_are_added_with_the_groups_members()
    {
        _app.Slack.AddUserGroup("S0SECTEAM1", "security-team", Jon, Chris);
        var json = """
            [{"name":"grouped","triggers":[{"name":"t","type":"text","match":"#page"}],
              "steps":[{"name":"Setup","start_actions":[
                {"name":"Room","type":"create_channel","channel_name":"page-{{.Instance.Number}}","channel_displayname":"Page","header":"Paged by {{.Trigger.t.User}}","private":true},
                {"name":"Add","type":"add_users_channel","channel_name":"{{.Action.Room.ChannelName}}","users":["@security-team"]},
                {"name":"finished","type":"finished_workflow"}]}]}]
            """;
        Assert.Equal("", await (await UploadAsync(_app, json)).Content.ReadAsStringAsync());
        await _app.SendEventAsync(Message("#page now", Ts(10), "EvPAGE001"));
        await _app.WaitForIdleAsync();

        var create = Assert.Single(_app.Slack.Calls("conversations.create"));
        Assert.True((bool?)create.Json["is_private"]);
        Assert.Equal($"Paged by <@{Reporter}>", (string?)Assert.Single(_app.Slack.Calls("conversations.setTopic")).Json["topic"]);
        Assert.Equal($"{Jon},{Chris}", (string?)Assert.Single(_app.Slack.Calls("conversations.invite")).Json["users"]);
        await using var db = _app.Db();
        var instance = await db.WorkflowInstances.SingleAsync();
        Assert.Equal(WorkflowInstanceStatus.Finished, instance.Status);
        Assert.NotNull(instance.ResolvedAt);
    }
}
