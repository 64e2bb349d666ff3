using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Incidents.Opening;
using IrBot.IntegrationTests.Tasks;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>
/// A revoked token, a missing scope or a refused credential inside opening or archiving: the run ends failed at once
/// (no backoff series), the admins are told once with the fix and a Retry, and whoever asked is told too.
/// </summary>
public sealed class PermanentFailureTests
{
    [Fact]
    public async Task A_missing_scope_while_opening_stops_at_once_names_the_scope_to_the_admins_and_replaces_the_requesters_promise()
    {
        await using var app = await IrBotApp.StartAsync();
        app.Slack.FailNext("conversations.create", "missing_scope", needed: "channels:manage");

        var reply = JsonNode.Parse(await (await app.SendCommandAsync("incident Scope missing")).Content.ReadAsStringAsync())!;
        Assert.Contains("You will be invited", (string?)reply["text"], StringComparison.Ordinal);

        await WaitForFailedAsync(app, OpenIncidentWork.Kind);
        var report = Assert.Single(app.Slack.PostedTo(IrBotApp.AdminChannel));
        Assert.Contains("reinstall the Slack app with the scope `channels:manage`", (string?)report["text"], StringComparison.Ordinal);
        Assert.Contains("incident 1", (string?)report["text"], StringComparison.Ordinal);
        Assert.Single(app.Slack.Calls("conversations.create")); // not retried

        // The ephemeral "you will be invited in a moment" is replaced by what happened.
        var told = Assert.Single(app.Slack.ResponseUrlPosts()).Json;
        Assert.True((bool?)told["replace_original"]);
        Assert.Contains("could not finish the opening of incident 1: Scope missing", (string?)told["text"], StringComparison.Ordinal);
        Assert.Contains("admins have been told", (string?)told["text"], StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            Assert.Equal(IncidentStatus.Opening, (await db.Incidents.SingleAsync()).Status);
        }

        // Once the app is reinstalled, Retry opens it.
        var retry = report["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Single()!;
        await app.SendInteractionAsync(TaskPayloads.Button(WorkFailureReports.RetryAction, (string)retry["value"]!, IrBotApp.IrMember, IrBotApp.AdminChannel, "1700000000.000900"));
        await IncidentIntegrations.WaitForAsync(app, 1, i => i.Status == IncidentStatus.Active, "the incident opens on retry");
    }

    [Fact]
    public async Task A_refused_bot_token_while_archiving_ends_the_archive_at_once_tells_the_admins_to_check_the_token_and_dms_the_requester()
    {
        await using var env = await IncidentIntegrations.StartAsync();
        var incident = await env.OpenAsync("Token revoked mid-archive");
        env.App.Slack.FailNext("conversations.archive", "token_revoked");

        await env.App.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "token", "Archived with a revoked token."));

        await WaitForFailedAsync(env.App, ArchiveIncidentWork.Kind);
        var reports = env.App.Slack.PostedTo(IrBotApp.AdminChannel).Where(m => ((string?)m["text"])!.Contains(ArchiveIncidentWork.Kind, StringComparison.Ordinal)).ToList();
        var report = Assert.Single(reports);
        Assert.Contains("check Slack:BotToken", (string?)report["text"], StringComparison.Ordinal);
        Assert.Single(env.App.Slack.Calls("conversations.archive"));

        // No response_url from a modal: the requester gets a DM; the progress message no longer says "retrying".
        var dm = Assert.Single(env.App.Slack.Calls("chat.postMessage"), c => ((string?)c.Json["text"])!.Contains("could not finish the archive of incident 1", StringComparison.Ordinal));
        var opened = env.App.Slack.Calls("conversations.open").Select(c => (string?)c.Json["users"] ?? c.Form.GetValueOrDefault("users"));
        Assert.Contains(IrBotApp.IrMember, opened);
        Assert.Contains("admins have been told", (string?)dm.Json["text"], StringComparison.Ordinal);
        var progress = env.App.Slack.Calls("chat.update").Select(c => c.Json.ToJsonString()).Last(j => j.Contains("Archiving", StringComparison.Ordinal));
        Assert.Contains("failed, the IR admins were told", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_confluence_token_while_opening_leaves_the_incident_usable_and_tells_the_admins_to_check_the_api_token_once()
    {
        await using var env = await IncidentIntegrations.StartAsync((confluence, _) => confluence.Fail("create", 401));

        await env.App.SendCommandAsync("incident Confluence says no");

        await WaitForFailedAsync(env.App, OpenIncidentWork.Kind);
        var active = await env.WaitForAsync(1, i => i.Status == IncidentStatus.Active, "the incident is usable");
        Assert.NotNull(active.ChannelId);
        Assert.NotNull(active.TheHiveCaseUrl);
        var admin = env.App.Slack.PostedTo(IrBotApp.AdminChannel);
        var report = Assert.Single(admin);
        Assert.Contains("check the API token", (string?)report["text"], StringComparison.Ordinal);
        Assert.Empty(env.Confluence.Pages);
    }

    private static async Task WaitForFailedAsync(IrBotApp app, string kind)
    {
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.WorkItems.AnyAsync(w => w.Kind == kind && w.Status == WorkStatus.Failed && w.Attempts == 1);
            },
            $"the {kind} job stops as failed after one attempt");
        await IrBotApp.WaitUntilAsync(
            () => app.Slack.PostedTo(IrBotApp.AdminChannel).Any(m => ((string?)m["text"])!.Contains("stopped `" + kind, StringComparison.Ordinal)),
            "the admin channel is told");
        await app.WaitForIdleAsync();
    }
}
