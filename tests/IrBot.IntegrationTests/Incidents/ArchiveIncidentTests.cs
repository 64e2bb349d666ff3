using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

/// <summary><c>/irbot archive</c>: the modal, its validation, and the durable archive (page, case, message, channel).</summary>
public sealed class ArchiveIncidentTests
{
    [Fact]
    public async Task Archiving_resolves_the_page_and_the_case_posts_a_closing_message_archives_the_channel_and_closes_the_incident()
    {
        await using var env = await IncidentIntegrations.StartAsync();
        var incident = await env.OpenAsync("Phishing wave");

        var response = await env.App.SendCommandAsync("archive", IrBotApp.IrMember, incident.ChannelId!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(env.App.Slack.Calls("views.open")).Json;
        Assert.False(string.IsNullOrEmpty((string?)open["trigger_id"]));
        Assert.Equal(ArchiveModal.CallbackId, (string?)open["view"]!["callback_id"]);
        Assert.Equal(incident.Id.ToString(CultureInfo.InvariantCulture), (string?)open["view"]!["private_metadata"]);

        var submitted = await env.App.SendInteractionAsync(Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "phishing, mail", "Credential phishing; 3 accounts reset."));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());

        var closed = await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident is closed");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal("TruePositive", closed.ResolutionStatus);
        Assert.Equal("WithImpact", closed.ImpactStatus);

        var page = Assert.Single(env.Confluence.Pages);
        Assert.Equal("Resolved", page.State);
        Assert.Contains("Credential phishing; 3 accounts reset.", page.Body, StringComparison.Ordinal);

        var @case = Assert.Single(env.TheHive.Cases);
        Assert.Equal("TruePositive", (string?)@case["status"]);
        Assert.Equal("WithImpact", (string?)@case["impactStatus"]);
        Assert.Equal("Credential phishing; 3 accounts reset.", (string?)@case["summary"]);
        Assert.Equal("Closed", (string?)@case["stage"]);
        Assert.Contains("phishing", @case["tags"]!.AsArray().Select(t => (string?)t));

        Assert.Single(env.App.Slack.PostedTo(incident.ChannelId!), m => ((string?)m["metadata"]?["event_type"]) == ClosingMessageStep.MetadataEventType);
        var archived = Assert.Single(env.App.Slack.Calls("conversations.archive"));
        Assert.Equal(incident.ChannelId, (string?)archived.Json["channel"]);

        // The archive's own progress message ends with every step done.
        var progress = env.App.Slack.Calls("chat.update").Select(c => c.Json.ToJsonString()).Last(j => j.Contains("Archiving", StringComparison.Ordinal));
        Assert.Contains("Channel archived: done", progress, StringComparison.Ordinal);
        Assert.Empty(env.Confluence.Violations);
        Assert.Empty(env.TheHive.Violations);
    }

    [Fact]
    public async Task Missing_or_invalid_fields_come_back_as_errors_beside_them()
    {
        await using var env = await IncidentIntegrations.StartAsync();
        var incident = await env.OpenAsync("Half-filled form");

        var response = await env.App.SendInteractionAsync(Submission(incident, IrBotApp.IrMember, null, "Sideways", "ok, " + new string('x', 129), "   "));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)body["response_action"]);
        var errors = body["errors"]!.AsObject();
        Assert.Equal([ArchiveModal.ImpactBlock, ArchiveModal.ResolutionBlock, ArchiveModal.SummaryBlock, ArchiveModal.TagsBlock], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        await using var db = env.App.Db();
        Assert.Equal(IncidentStatus.Active, (await db.Incidents.SingleAsync()).Status);
        Assert.False(await db.WorkItems.AnyAsync(w => w.Kind == ArchiveIncidentWork.Kind));
    }

    [Fact]
    public async Task Someone_neither_on_the_IR_team_nor_commander_is_refused_but_the_commander_may_archive()
    {
        await using var env = await IncidentIntegrations.StartAsync();
        var incident = await env.OpenAsync("Who may close");

        var refused = await env.App.SendCommandAsync("archive", IrBotApp.Outsider, incident.ChannelId!);
        Assert.Contains("Only the IR team or this incident", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(env.App.Slack.Calls("views.open"));
        var submitted = await env.App.SendInteractionAsync(Submission(incident, IrBotApp.Outsider, "FalsePositive", "NoImpact", string.Empty, "Not ours."));
        Assert.Contains("errors", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = env.App.Db())
        {
            var row = await db.Incidents.SingleAsync();
            row.CommanderId = IrBotApp.Outsider;
            await db.SaveChangesAsync();
        }

        await env.App.SendCommandAsync("archive", IrBotApp.Outsider, incident.ChannelId!);
        Assert.Single(env.App.Slack.Calls("views.open"));
    }

    [Fact]
    public async Task Archive_outside_an_incident_channel_says_where_it_works()
    {
        await using var app = await IrBotApp.StartAsync();

        var response = await app.SendCommandAsync("archive", IrBotApp.IrMember, "CRANDOM001");

        Assert.Contains("incident channel", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_archiving_finishes_it_once()
    {
        using var confluence = FakeConfluence.Start();
        using var theHive = FakeTheHive.Start();
        using var slack = FakeSlack.Start();
        var settings = IncidentIntegrations.Settings(confluence, theHive);
        var first = await IrBotApp.StartAsync(settings, slack: slack);
        await first.SendCommandAsync("incident Restart while closing");
        var incident = await IncidentIntegrations.WaitForAsync(first, 1, i => i.TheHiveCaseId is not null && i.Status == IncidentStatus.Active, "the incident is open");
        await first.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        // Slack hangs on the archive call; we die while waiting for it.
        slack.Override("conversations.archive", 200, new { ok = true }, delay: TimeSpan.FromSeconds(30));
        await first.SendInteractionAsync(Submission(incident, IrBotApp.IrMember, "Indeterminate", "NotApplicable", string.Empty, "Could not tell."));
        await IrBotApp.WaitUntilAsync(
            () => slack.PostedTo(incident.ChannelId!).Any(m => ((string?)m["metadata"]?["event_type"]) == ClosingMessageStep.MetadataEventType),
            "the closing message is posted and the channel archive is under way");
        await Task.Delay(500);
        await first.DisposeAsync();
        slack.ResetOverrides();

        await using var second = await IrBotApp.StartAsync(settings, connectionString: first.ConnectionString, slack: slack);
        var closed = await IncidentIntegrations.WaitForAsync(second, 1, i => i.Status == IncidentStatus.Closed, "the second instance finishes the archive");
        await second.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(closed.ClosedAt);
        Assert.Single(slack.PostedTo(incident.ChannelId!), m => ((string?)m["metadata"]?["event_type"]) == ClosingMessageStep.MetadataEventType);
        Assert.Single(theHive.Bodies("PATCH", "/api/v1/case/"));
        var page = Assert.Single(confluence.Pages);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Body, ResolvePageStep.Anchor));
        Assert.Equal("Resolved", page.State);
        await using var db = second.Db();
        Assert.Single(await db.WorkItems.Where(w => w.Kind == ArchiveIncidentWork.Kind).ToListAsync(), w => w.Status == IrBot.Work.WorkStatus.Done);
    }

    [Fact]
    public async Task With_TheHive_down_the_incident_still_closes_and_the_case_is_resolved_once_it_is_back()
    {
        await using var env = await IncidentIntegrations.StartAsync();
        var incident = await env.OpenAsync("Closing during an outage");
        env.TheHive.Down = true;

        await env.App.SendInteractionAsync(Submission(incident, IrBotApp.IrMember, "FalsePositive", "NoImpact", string.Empty, "A scanner, not an attacker."));

        await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident closes without TheHive");
        await IrBotApp.WaitUntilAsync(
            () => env.App.Slack.PostedTo(IrBotApp.AdminChannel).Any(m => ((string?)m["text"])!.Contains("still retrying", StringComparison.Ordinal)),
            "the admin channel hears the case is pending");
        Assert.Single(env.App.Slack.Calls("conversations.archive"));

        env.TheHive.Down = false;
        await IrBotApp.WaitUntilAsync(() => (string?)env.TheHive.Cases[0]["status"] == "FalsePositive", "the case is resolved once TheHive is back", TimeSpan.FromSeconds(30));
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        Assert.Single(env.App.Slack.Calls("conversations.archive"));
        Assert.Equal("A scanner, not an attacker.", (string?)env.TheHive.Cases[0]["summary"]);
    }

    [Fact]
    public async Task An_incident_archived_while_its_page_is_still_pending_gets_the_page_with_the_resolution_marked_resolved()
    {
        await using var env = await IncidentIntegrations.StartAsync((confluence, _) => confluence.Down = true);
        await env.App.SendCommandAsync("incident Archived before the wiki was back");
        var usable = await env.WaitForAsync(1, i => i.Status == IncidentStatus.Active, "the incident is usable without Confluence");
        Assert.Null(usable.ConfluencePageId);

        var submitted = await env.App.SendInteractionAsync(Submission(usable, IrBotApp.IrMember, "FalsePositive", "NoImpact", string.Empty, "Opened by mistake."));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // The archive waits for the opening, and says so to whoever asked, where they asked.
        static bool IsWaitNotice(IrBot.TestSupport.SlackCall c) => ((string?)c.Json["text"])!.Contains("will run once its opening has finished", StringComparison.Ordinal);
        await IrBotApp.WaitUntilAsync(() => env.App.Slack.Calls("chat.postEphemeral").Any(IsWaitNotice), "the requester hears the archive waits for the opening");
        var notice = env.App.Slack.Calls("chat.postEphemeral").Single(IsWaitNotice).Json;
        Assert.Equal((usable.ChannelId, IrBotApp.IrMember), ((string?)notice["channel"], (string?)notice["user"]));
        Assert.Contains("(still retrying: ", (string?)notice["text"], StringComparison.Ordinal);
        Assert.EndsWith("The closing message will follow here then.", (string?)notice["text"], StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Archiving, (await env.WaitForAsync(1, _ => true, "the incident")).Status);
        Assert.DoesNotContain(env.App.Slack.PostedTo(usable.ChannelId!), m => ((string?)m["metadata"]?["event_type"]) == ClosingMessageStep.MetadataEventType);
        env.Confluence.Down = false;

        await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident closes once the opening is done");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        var closed = await env.WaitForAsync(1, _ => true, "the incident");
        var page = Assert.Single(env.Confluence.Pages);
        Assert.Equal(page.Id, closed.ConfluencePageId);
        Assert.Contains(ResolvePageStep.Anchor, page.Body, StringComparison.Ordinal);
        Assert.Contains("Opened by mistake.", page.Body, StringComparison.Ordinal);
        Assert.Equal(PageResolvedStep.Resolved, page.State);
        Assert.Single(env.App.Slack.Calls("conversations.archive"));
        Assert.Empty(env.Confluence.Violations);
        // Then the normal messages, and the wait was told once however often the archive looked again.
        Assert.Single(env.App.Slack.PostedTo(usable.ChannelId!), m => ((string?)m["metadata"]?["event_type"]) == ClosingMessageStep.MetadataEventType);
        Assert.Single(env.App.Slack.Calls("chat.postEphemeral"), IsWaitNotice);
    }

    /// <summary>A view_submission shaped like Slack's (from the real fixture) with the archive form's values.</summary>
    internal static string Submission(Incident incident, string userId, string? resolution, string? impact, string tags, string summary)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/view_submission_static_select_datepicker_multiline.json"))!.AsObject();
        payload["user"]!["id"] = userId;
        var view = payload["view"]!.AsObject();
        view["callback_id"] = ArchiveModal.CallbackId;
        view["private_metadata"] = incident.Id.ToString(CultureInfo.InvariantCulture);
        static JsonObject Select(string? value) => value is null
            ? new JsonObject { ["type"] = "static_select", ["selected_option"] = null }
            : new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value, ["emoji"] = true }, ["value"] = value } };
        static JsonObject Text(string value) => new() { ["type"] = "plain_text_input", ["value"] = value.Length == 0 ? null : value };
        view["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                [ArchiveModal.ResolutionBlock] = new JsonObject { [ArchiveModal.InputAction] = Select(resolution) },
                [ArchiveModal.ImpactBlock] = new JsonObject { [ArchiveModal.InputAction] = Select(impact) },
                [ArchiveModal.TagsBlock] = new JsonObject { [ArchiveModal.InputAction] = Text(tags) },
                [ArchiveModal.SummaryBlock] = new JsonObject { [ArchiveModal.InputAction] = Text(summary) },
            },
        };
        return payload.ToJsonString();
    }
}
