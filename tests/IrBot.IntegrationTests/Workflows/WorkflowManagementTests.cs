using System.Text.Json.Nodes;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.Workflows;
using IrBot.Workflows.Managing;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Workflows.WorkflowKit;

namespace IrBot.IntegrationTests.Workflows;

/// <summary><c>/irbot workflow</c>: uploads validated whole or not at all, who may manage, list, history and rollback.</summary>
[Collection(SharedApp.Workflows)]
public sealed class WorkflowManagementTests(SharedApp shared) : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await shared.ResetAsync();
        Arrange(_app.Slack);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Edit_opens_a_modal_with_a_json_file_input_and_a_text_box()
    {
        await _app.SendCommandAsync("workflow edit", WorkspaceAdmin);

        var view = Assert.Single(_app.Slack.Calls("views.open")).Json["view"]!;
        Assert.Equal(WorkflowEditModal.CallbackId, (string?)view["callback_id"]);
        var file = view["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == WorkflowEditModal.FileBlock)!["element"]!;
        Assert.Equal("file_input", (string?)file["type"]);
        Assert.Equal("json", (string?)file["filetypes"]![0]);
        Assert.Contains(view["blocks"]!.AsArray(), b => (string?)b!["element"]?["type"] == "plain_text_input");
    }

    [Theory]
    [InlineData("\"to\": \"DevelopFix\"", "\"to\": \"Nowhere\"",
        "Error parsing workflow: unable to load actions: workflow \"security_issue\", step \"Triage\", action \"TriagePost\", transition #1: transition target \"Nowhere\" names no step of this workflow")]
    [InlineData("\"message\": \"Resolved.\"", "\"message\": \"Resolved in {{.Action.Nope.ChannelName}}.\"",
        "Error parsing workflow: unable to load actions: workflow \"security_issue\", step \"Resolved\", action \"ResolveWarroom\": template variable {{.Action.Nope.ChannelName}}")]
    public async Task An_invalid_upload_shows_the_error_beside_the_field_and_keeps_the_active_set(string from, string to, string expected)
    {
        await UploadAsync(_app, Sample);

        var response = await UploadAsync(_app, Sample.Replace(from, to, StringComparison.Ordinal));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)body["response_action"]);
        Assert.StartsWith(expected, (string?)body["errors"]![WorkflowEditModal.FileBlock], StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.Equal(1, await db.WorkflowSetVersions.CountAsync());
    }

    [Fact]
    public async Task A_file_Slack_will_not_hand_over_without_the_bot_token_is_refused_by_Slack()
    {
        var url = _app.Slack.AddFile("w.json", Sample);
        using var anonymous = new HttpClient();

        var page = await anonymous.GetStringAsync(url);

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pasted_text_uploads_like_a_file_and_its_errors_show_beside_the_text_box()
    {
        var response = await PasteAsync(_app, """[{"name":"","triggers":[],"steps":[]}]""");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Error parsing workflow: workflow name must not be blank", (string?)body["errors"]![WorkflowEditModal.TextBlock], StringComparison.Ordinal);

        Assert.Equal("", await (await PasteAsync(_app, Sample)).Content.ReadAsStringAsync());
        await using var db = _app.Db();
        Assert.Equal("upload", (await db.WorkflowSetVersions.SingleAsync()).Source);
    }

    [Fact]
    public async Task People_who_are_not_workspace_admins_are_refused_every_workflow_command_and_upload()
    {
        foreach (var command in new[] { "workflow edit", "workflow list", "workflow history", "workflow rollback", "workflow show security_issue" })
        {
            var reply = JsonNode.Parse(await (await _app.SendCommandAsync(command, IrBotApp.Outsider)).Content.ReadAsStringAsync())!;
            Assert.Equal(WorkflowAdmins.Refusal, (string?)reply["text"]);
        }

        Assert.Empty(_app.Slack.Calls("views.open"));
        var upload = JsonNode.Parse(await (await PasteAsync(_app, Sample, IrBotApp.Outsider)).Content.ReadAsStringAsync())!;
        Assert.Equal(WorkflowAdmins.Refusal, (string?)upload["errors"]![WorkflowEditModal.FileBlock]);
        await using var db = _app.Db();
        Assert.False(await db.WorkflowSetVersions.AnyAsync());
    }

    [Fact]
    public async Task Rollback_makes_the_previous_upload_active_again_and_history_shows_each_version()
    {
        await UploadAsync(_app, Sample);
        var renamed = Sample.Replace("\"match\": \"#sec\"", "\"match\": \"#security\"", StringComparison.Ordinal);
        await UploadAsync(_app, renamed);

        var rollback = JsonNode.Parse(await (await _app.SendCommandAsync("workflow rollback", WorkspaceAdmin)).Content.ReadAsStringAsync())!;
        Assert.StartsWith(":leftwards_arrow_with_hook: Workflows rolled back to version 1 (now version 3): changed security_issue", (string?)rollback["text"], StringComparison.Ordinal);
        Assert.Contains(_app.Slack.PostedTo(IrBotApp.AdminChannel), p => Text(p) == $":gear: <@{WorkspaceAdmin}> rolled back to version 1 the workflows (version 3): changed security_issue.");

        await _app.SendEventAsync(Message("#sec after rollback", Ts(20), "EvROLL001"));
        await _app.WaitForIdleAsync();
        Assert.Single(_app.Slack.Calls("conversations.create"));

        var history = (string?)JsonNode.Parse(await (await _app.SendCommandAsync("workflow history", WorkspaceAdmin)).Content.ReadAsStringAsync())!["text"];
        Assert.Contains("• *3* (active):", history, StringComparison.Ordinal);
        Assert.Contains("rollback to version 1 — changed security_issue", history, StringComparison.Ordinal);
        Assert.Contains("• *1*:", history, StringComparison.Ordinal);
        Assert.Contains("upload — added security_issue", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_and_show_name_each_workflow_its_triggers_and_its_instances()
    {
        await UploadAsync(_app, Sample);
        await _app.SendEventAsync(Message("#sec one", Ts(30), "EvLIST001"));
        await _app.WaitForIdleAsync();

        var list = (string?)JsonNode.Parse(await (await _app.SendCommandAsync("workflow list", WorkspaceAdmin)).Content.ReadAsStringAsync())!["text"];
        Assert.Contains("• *security_issue* — 1 running, 0 finished, 0 failed", list, StringComparison.Ordinal);
        Assert.Contains("IssueReported: a message that contains `#sec` in any channel", list, StringComparison.Ordinal);

        var show = (string?)JsonNode.Parse(await (await _app.SendCommandAsync("workflow show security_issue", WorkspaceAdmin)).Content.ReadAsStringAsync())!["text"];
        Assert.Contains("• *Triage* — on start: TriagePost (post) — on finish: TriageConfirmation (post)", show, StringComparison.Ordinal);
        Assert.Contains("• 1: Running, step Triage", show, StringComparison.Ordinal);
    }
}
