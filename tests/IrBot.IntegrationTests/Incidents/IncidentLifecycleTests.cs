using System.Globalization;
using System.Text.RegularExpressions;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.TestSupport;
using IrBot.IntegrationTests.Tasks;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>
/// One incident from <c>/irbot incident</c> to <c>/irbot archive</c> with Confluence, TheHive and Jira all on:
/// the features' archive steps (page 10, case 20, tasks 30, timeline 40, closing 80, channel 90) together.
/// </summary>
public sealed partial class IncidentLifecycleTests
{
    private const string Owner = "UOWNER0001";
    private const string OwnerEmail = "olive.owner@example.com";
    private const string Summary = "Phished VPN credentials; 2 accounts reset, sessions revoked.";

    [Fact]
    public async Task Archiving_an_incident_with_a_task_and_notes_resolves_the_page_with_the_timeline_the_case_and_the_task_in_jira()
    {
        await using var env = await IncidentIntegrations.StartAsync(jira: true);
        var jira = env.Jira!;
        jira.AddUser(OwnerEmail, "5b10ac8d82e05b22cc7d4ef5");
        env.App.Slack.AddUser(Owner, "Olive Owner", OwnerEmail);
        env.App.Slack.AddUser(IrBotApp.IrMember, "Ian Responder", "ian@example.com", title: "SOC analyst");
        var incident = await env.OpenAsync("VPN credential phishing");
        var channel = incident.ChannelId!;

        // A task, through the new-task modal, lands in Jira and the owner's DM.
        var created = await env.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            incident.Id.ToString(CultureInfo.InvariantCulture),
            (NewTaskModal.TitleBlock, TaskPayloads.Text("Reset the phished accounts")),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text("Both accounts from the VPN log.")),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(Owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select("Critical"))));
        Assert.Equal(string.Empty, await created.Content.ReadAsStringAsync());
        await IrBotApp.WaitUntilAsync(() => jira.Issues.Count == 1 && env.App.Slack.PostedTo("D" + Owner).Count > 0, "the task has its Jira issue and DM");

        // Two notes for the timeline (the scheduled publish is 15 minutes away: only the archive publishes them).
        await env.App.SendCommandAsync("Blocked the phishing domain at the proxy", IrBotApp.IrMember, channel, "/note");
        await env.App.SendCommandAsync("Revoked every VPN session of the two users", IrBotApp.IrMember, channel, "/note");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        await using (var db = env.App.Db())
        {
            Assert.All(await db.TimelineNotes.ToListAsync(), n => Assert.Null(n.PublishedAt));
        }

        await env.App.SendCommandAsync("archive", IrBotApp.IrMember, channel);
        Assert.Equal(ArchiveModal.CallbackId, (string?)Assert.Single(env.App.Slack.Calls("views.open")).Json["view"]!["callback_id"]);
        var submitted = await env.App.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "phishing, vpn", Summary));
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());

        var closed = await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident is closed");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(closed.ClosedAt);

        // The page: resolved, with the summary, and the notes in its timeline table.
        var page = Assert.Single(env.Confluence.Pages);
        Assert.Equal(PageResolvedStep.Resolved, page.State);
        // The status is set last: it publishes a page version, so no later edit of ours may follow it.
        var pageWrites = env.Confluence.Server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => r.Method is "PUT" && r.Path.Contains(page.Id, StringComparison.Ordinal))
            .OrderBy(r => r.DateTime)
            .Select(r => r.Path)
            .ToList();
        Assert.EndsWith("/state", pageWrites[^1], StringComparison.Ordinal);
        Assert.Contains(Summary, page.Body, StringComparison.Ordinal);
        var timeline = TimelineTable().Match(page.Body);
        Assert.True(timeline.Success, "the page has a table under its Timeline heading: " + page.Body);
        Assert.Contains("Blocked the phishing domain at the proxy", timeline.Value, StringComparison.Ordinal);
        Assert.Contains("Revoked every VPN session of the two users", timeline.Value, StringComparison.Ordinal);
        Assert.Contains("Ian Responder (SOC analyst)", timeline.Value, StringComparison.Ordinal);

        // The case: resolved with the modal's fields.
        var @case = Assert.Single(env.TheHive.Cases);
        Assert.Equal("TruePositive", (string?)@case["status"]);
        Assert.Equal("WithImpact", (string?)@case["impactStatus"]);
        Assert.Equal(Summary, (string?)@case["summary"]);
        Assert.Contains("vpn", @case["tags"]!.AsArray().Select(t => (string?)t));

        // The open task: resolved here, and its Jira issue done with a comment saying why.
        var issue = Assert.Single(jira.Issues);
        Assert.Equal("Done", issue.Status);
        Assert.Contains(issue.Comments, c => c.Contains("incident 1 was closed", StringComparison.Ordinal));
        await using (var db = env.App.Db())
        {
            var task = await db.Tasks.SingleAsync();
            Assert.Equal(IncidentTaskStatus.Resolved, task.Status);
            Assert.Equal(issue.Key, task.JiraKey);
            Assert.All(await db.TimelineNotes.ToListAsync(), n => Assert.NotNull(n.PublishedAt));
        }

        // Slack: every archive step done, the closing message, the channel archived.
        var progress = env.App.Slack.Calls("chat.update").Select(c => c.Json.ToJsonString()).Last(j => j.Contains("Archiving", StringComparison.Ordinal));
        Assert.Contains("Open tasks resolved (IR Bot and Jira): done", progress, StringComparison.Ordinal);
        Assert.Contains("Timeline published to Confluence: done", progress, StringComparison.Ordinal);
        Assert.Single(env.App.Slack.PostedTo(channel), m => ((string?)m["metadata"]?["event_type"]) == ClosingMessageStep.MetadataEventType);
        Assert.Equal(channel, (string?)Assert.Single(env.App.Slack.Calls("conversations.archive")).Json["channel"]);
        Assert.Empty(env.App.Slack.PostedTo(IrBotApp.AdminChannel));
        Assert.Empty(env.Confluence.Violations);
        Assert.Empty(env.TheHive.Violations);
    }

    /// <summary>The first table after the Timeline heading (where the timeline merge puts the rows).</summary>
    [GeneratedRegex("<h2>Timeline</h2>\\s*<table.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TimelineTable();
}
