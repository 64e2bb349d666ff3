using System.Globalization;
using IrBot.Incidents;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>Opening an incident with Confluence and TheHive on: page, case, links, topic, progress, and the faults.</summary>
public sealed class IncidentIntegrationsTests
{
    private static string Today => "ir-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Opening_makes_the_page_from_the_template_and_the_case_and_links_them_everywhere()
    {
        await using var env = await IncidentIntegrations.StartAsync();

        var incident = await env.OpenAsync("Suspicious logins on the VPN");

        var page = Assert.Single(env.Confluence.Pages);
        Assert.Equal($"{Today}: Suspicious logins on the VPN", page.Title);
        Assert.Equal(FakeConfluence.ParentPageId, page.ParentId);
        Assert.DoesNotContain("at:declarations", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("at:var", page.Body, StringComparison.Ordinal);
        Assert.Contains("<p>Suspicious logins on the VPN</p>", page.Body, StringComparison.Ordinal);
        Assert.Contains("major-incident", page.Labels);
        Assert.Contains(Today, page.Labels);
        Assert.Equal("In progress", page.State);

        var @case = Assert.Single(env.TheHive.Cases);
        Assert.Contains(Today, @case["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(2, (int)@case["tlp"]!);
        Assert.Equal(2, (int)@case["pap"]!);
        Assert.Equal(3, (int)@case["severity"]!);

        Assert.Equal($"{env.Confluence.BaseUrl}/wiki/spaces/IR/pages/{page.Id}", incident.ConfluencePageUrl);
        Assert.Equal($"{env.TheHive.BaseUrl}/cases/{(string?)@case["_id"]}/details", incident.TheHiveCaseUrl);
        Assert.Equal((int)@case["number"]!, incident.TheHiveCaseNumber);

        // The case number and link are on the page.
        Assert.Contains($"<a href=\"{incident.TheHiveCaseUrl}\">#{incident.TheHiveCaseNumber}</a>", page.Body, StringComparison.Ordinal);

        // The topic carries both links; the case link is posted in the channel.
        var topic = (string?)env.App.Slack.Calls("conversations.setTopic")[^1].Json["topic"];
        Assert.Contains(incident.ConfluencePageUrl!, topic, StringComparison.Ordinal);
        Assert.Contains(incident.TheHiveCaseUrl!, topic, StringComparison.Ordinal);
        Assert.Single(env.App.Slack.PostedTo(incident.ChannelId!), m => ((string?)m["text"])!.Contains(incident.TheHiveCaseUrl!, StringComparison.Ordinal));

        // One progress message in a DM to the requester, updated in place, ending with every link and all done.
        var dm = "D" + IrBotApp.IrMember;
        var posted = Assert.Single(env.App.Slack.PostedTo(dm));
        var updates = env.App.Slack.Calls("chat.update").Select(c => c.Json).Where(j => (string?)j["channel"] == dm).ToList();
        Assert.NotEmpty(updates);
        var last = updates[^1].ToJsonString();
        Assert.Contains("Confluence page: done", last, StringComparison.Ordinal);
        Assert.Contains("TheHive case: done", last, StringComparison.Ordinal);
        Assert.DoesNotContain("working", last, StringComparison.Ordinal);
        Assert.Contains(incident.ConfluencePageUrl!, last, StringComparison.Ordinal);
        Assert.Contains(incident.TheHiveCaseUrl!, last, StringComparison.Ordinal);
        Assert.NotNull((string?)posted["text"]);

        Assert.Empty(env.Confluence.Violations);
        Assert.Empty(env.TheHive.Violations);
    }

    [Fact]
    public async Task Confluence_answering_503_twice_still_makes_exactly_one_page()
    {
        await using var env = await IncidentIntegrations.StartAsync((confluence, _) => confluence.Fail("create", 503, count: 2));

        var incident = await env.OpenAsync("Flaky wiki");

        var page = Assert.Single(env.Confluence.Pages);
        Assert.Equal(3, env.Confluence.Count("POST", "/wiki/api/v2/pages"));
        Assert.Equal(page.Id, incident.ConfluencePageId);
        Assert.Empty(env.Confluence.Violations);
    }

    [Fact]
    public async Task With_TheHive_down_the_incident_is_usable_the_admins_are_told_and_the_case_is_made_once_it_is_back()
    {
        await using var env = await IncidentIntegrations.StartAsync((_, theHive) => theHive.Down = true);

        await env.App.SendCommandAsync("incident Case system outage");
        var usable = await env.WaitForAsync(1, i => i.Status == IncidentStatus.Active, "the incident is usable without TheHive");
        Assert.NotNull(usable.ChannelId);
        Assert.NotNull(usable.ConfluencePageUrl);
        Assert.Null(usable.TheHiveCaseId);

        await IrBotApp.WaitUntilAsync(
            () => env.App.Slack.PostedTo(IrBotApp.AdminChannel).Any(m => ((string?)m["text"])!.Contains("Pending:", StringComparison.Ordinal)),
            "the admin channel hears what is pending");
        var told = env.App.Slack.PostedTo(IrBotApp.AdminChannel).Select(m => (string?)m["text"]).ToList();
        Assert.Contains(told, t => t!.Contains("TheHive case", StringComparison.Ordinal) && t.Contains("Done:", StringComparison.Ordinal) && t.Contains("Slack channel", StringComparison.Ordinal));
        Assert.DoesNotContain(told, t => t!.Contains(FakeTheHive.ApiKey, StringComparison.Ordinal));

        env.TheHive.Down = false;
        var open = await env.WaitForAsync(1, i => i.TheHiveCaseUrl is not null, "the case is made once TheHive is back");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Single(env.TheHive.Cases);
        Assert.Equal(1, env.TheHive.Count("POST", "/api/v1/case"));
        var topic = (string?)env.App.Slack.Calls("conversations.setTopic")[^1].Json["topic"];
        Assert.Contains(open.TheHiveCaseUrl!, topic, StringComparison.Ordinal);
        Assert.Single(env.App.Slack.PostedTo(open.ChannelId!), m => ((string?)m["text"])!.Contains(open.TheHiveCaseUrl!, StringComparison.Ordinal));
        Assert.Contains(env.App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"])!.Contains("now fully open", StringComparison.Ordinal));
        Assert.Empty(env.TheHive.Violations);
    }

    [Fact]
    public async Task A_create_whose_answer_times_out_is_found_by_the_retry_instead_of_made_again()
    {
        await using var env = await IncidentIntegrations.StartAsync((confluence, theHive) =>
        {
            confluence.Fail("create", 0, delay: TimeSpan.FromSeconds(2));
            theHive.AnswerLate("create", TimeSpan.FromSeconds(2));
        });

        var incident = await env.OpenAsync("Lost answers");

        var page = Assert.Single(env.Confluence.Pages);
        var @case = Assert.Single(env.TheHive.Cases);
        Assert.Equal(1, env.Confluence.Count("POST", "/wiki/api/v2/pages"));
        Assert.Equal(1, env.TheHive.Count("POST", "/api/v1/case"));
        Assert.Equal(page.Id, incident.ConfluencePageId);
        Assert.Equal((string?)@case["_id"], incident.TheHiveCaseId);
    }

    [Fact]
    public async Task A_409_on_the_page_update_rereads_the_page_and_keeps_the_other_edit()
    {
        const string handEdit = "<p>Edited by a person in the browser</p>";
        await using var env = await IncidentIntegrations.StartAsync((confluence, _) => confluence.EditByHandBeforeNextWrite(body => body + handEdit));

        var incident = await env.OpenAsync("Busy page");

        var page = Assert.Single(env.Confluence.Pages);
        Assert.Contains(handEdit, page.Body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Body, System.Text.RegularExpressions.Regex.Escape(incident.TheHiveCaseUrl!)));
        Assert.Equal(2, env.Confluence.Count("PUT", "/wiki/api/v2/pages/"));
        Assert.Empty(env.Confluence.Violations);
    }
}

public sealed class IncidentIntegrationSettingsTests
{
    [Fact]
    public async Task TheHive_on_without_an_api_key_stops_the_start_naming_the_setting()
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["TheHive:BaseUrl"] = "https://thehive.example.com" });
        });

        Assert.NotNull(error);
        Assert.Contains("TheHive:ApiKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_both_integrations_off_the_opening_skips_them_and_shows_no_progress_message()
    {
        await using var app = await IrBotApp.StartAsync();

        await app.SendCommandAsync("incident Slack only");
        await IncidentIntegrations.WaitForAsync(app, 1, i => i.Status == IncidentStatus.Active, "the incident is active");
        await app.WaitForIdleAsync();

        await using var db = app.Db();
        var incident = await db.Incidents.SingleAsync();
        Assert.Null(incident.ConfluencePageUrl);
        Assert.Null(incident.TheHiveCaseUrl);
        Assert.Empty(app.Slack.Calls("conversations.open"));
        Assert.Empty(app.Slack.Calls("chat.update"));
    }
}
