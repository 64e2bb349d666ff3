using System.Text.Json.Nodes;
using IrBot.TestSupport;
using IrBot.Workflows;
using IrBot.Workflows.Managing;
using IrBot.Workflows.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static IrBot.IntegrationTests.Workflows.WorkflowKit;

namespace IrBot.IntegrationTests.Workflows;

/// <summary><c>Workflows:File</c> (workflows kept in git) and <c>Workflows:AuthorizedUsers</c>.</summary>
public sealed class WorkflowFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("irbot-workflows-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_valid_file_is_the_active_set_at_start_and_edit_and_rollback_are_refused()
    {
        var file = Path.Combine(_directory, "workflows.json");
        await File.WriteAllTextAsync(file, Sample);
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Workflows:File"] = file });
        Arrange(app.Slack);

        await using var db = app.Db();
        await IrBotApp.WaitUntilAsync(async () => await db.WorkflowSetVersions.AnyAsync(), "the file is stored as the active set");
        var version = await db.WorkflowSetVersions.AsNoTracking().SingleAsync();
        Assert.True(version.IsActive);
        Assert.Equal(WorkflowSetVersion.FileSource, version.UploadedBy);

        foreach (var command in new[] { "workflow edit", "workflow rollback" })
        {
            var reply = JsonNode.Parse(await (await app.SendCommandAsync(command, WorkspaceAdmin)).Content.ReadAsStringAsync())!;
            Assert.Equal(WorkflowCommand.FileRefusal(file), (string?)reply["text"]);
        }

        var upload = JsonNode.Parse(await (await PasteAsync(app, Sample)).Content.ReadAsStringAsync())!;
        Assert.Equal(WorkflowCommand.FileRefusal(file), (string?)upload["errors"]![WorkflowEditModal.FileBlock]);

        await app.SendEventAsync(Message("#sec from git", Ts(1), "EvFILE001"));
        await app.WaitForIdleAsync();
        Assert.Single(app.Slack.Calls("conversations.create"));
    }

    [Fact]
    public async Task An_invalid_file_stops_the_start_and_says_why()
    {
        var file = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(file, """[{"name":"w","triggers":[{"name":"t","type":"webhook"}],"steps":[]}]""");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => IrBotApp.StartAsync(new Dictionary<string, string?> { ["Workflows:File"] = file }));

        var validation = Assert.IsType<OptionsValidationException>(failure is OptionsValidationException ? failure : failure.InnerException ?? failure);
        Assert.Contains(validation.Failures, f => f.StartsWith($"Workflows:File {file}: Error parsing workflow: unable to load triggers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_listed_in_AuthorizedUsers_may_manage_workflows_without_being_workspace_admins()
    {
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Workflows:AuthorizedUsers:0"] = IrBotApp.IrMember });
        Arrange(app.Slack);
        app.Slack.AddUser(IrBotApp.IrMember, "Ivy Responder");

        Assert.Equal("", await (await PasteAsync(app, Sample, IrBotApp.IrMember)).Content.ReadAsStringAsync());
        var history = (string?)JsonNode.Parse(await (await app.SendCommandAsync("workflow history", IrBotApp.IrMember)).Content.ReadAsStringAsync())!["text"];
        Assert.Contains($"by <@{IrBotApp.IrMember}>, upload — added security_issue", history, StringComparison.Ordinal);
    }
}
