using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Incidents;

[Collection(SharedApp.Incidents)]
public sealed class OpenIncidentTests(SharedApp shared) : IAsyncLifetime
{
    private IrBotApp _app = null!;

    private static string Today => "ir-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync() => _app = await shared.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Opening_an_incident_answers_at_once_then_creates_the_channel_invites_the_team_sets_the_topic_and_posts_the_opening_message()
    {
        var response = await _app.SendCommandAsync("incident Suspicious logins on the VPN", userId: IrBotApp.IrMember);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains("Opening incident 1: Suspicious logins on the VPN", (string?)reply["text"], StringComparison.Ordinal);

        var incident = await WaitForActiveAsync(1);
        Assert.Equal(Today, incident.ChannelName);
        Assert.NotNull(incident.ChannelId);

        var create = Assert.Single(_app.Slack.Calls("conversations.create"));
        Assert.Equal(Today, (string?)create.Json["name"]);
        Assert.Equal("Bearer " + IrBotApp.BotToken, create.Authorization);

        var invited = _app.Slack.Calls("conversations.invite").Select(c => (string?)c.Json["users"]).Order().ToList();
        Assert.Equal([IrBotApp.IrMember, IrBotApp.IrMember2], invited);
        Assert.All(_app.Slack.Calls("conversations.invite"), c => Assert.Equal(incident.ChannelId, (string?)c.Json["channel"]));

        var topic = Assert.Single(_app.Slack.Calls("conversations.setTopic"));
        Assert.Equal("Incident 1: Suspicious logins on the VPN", (string?)topic.Json["topic"]);

        var opening = Assert.Single(_app.Slack.PostedTo(incident.ChannelId!));
        Assert.Contains("Incident 1: Suspicious logins on the VPN is open", (string?)opening["text"], StringComparison.Ordinal);
        Assert.Contains("Commander: TBD, scribe: TBD", (string?)opening["text"], StringComparison.Ordinal);
        Assert.Contains($"<@{IrBotApp.IrMember}>", (string?)opening["text"], StringComparison.Ordinal);
        Assert.Equal("irbot_incident_opened", (string?)opening["metadata"]!["event_type"]);

        var told = Assert.Single(_app.Slack.ResponseUrlPosts());
        Assert.Contains($"is open in <#{incident.ChannelId}>", (string?)told.Json["text"], StringComparison.Ordinal);

        // The order the security team sees: channel, people, topic, then the message.
        var order = _app.Slack.Methods().Where(m => m is not "auth.test" and not "conversations.history").Distinct().ToList();
        Assert.Equal(["conversations.create", "conversations.invite", "conversations.setTopic", "chat.postMessage"], order);
    }

    [Fact]
    public async Task An_incident_without_a_title_gets_a_default_one()
    {
        await _app.SendCommandAsync("incident");

        var incident = await WaitForActiveAsync(1);
        Assert.Equal(OpenIncidentCommand.DefaultTitle, incident.Title);
    }

    [Fact]
    public async Task A_title_is_stored_as_typed_not_as_Slack_escapes_it()
    {
        // Slack sends typed &, < and > escaped in the command text.
        await _app.SendCommandAsync("incident R&amp;D laptops &lt;stolen&gt;");

        var incident = await WaitForActiveAsync(1);
        Assert.Equal("R&D laptops <stolen>", incident.Title);
        var opening = Assert.Single(_app.Slack.PostedTo(incident.ChannelId!));
        // Plain text shows it as typed; mrkdwn escapes it once.
        Assert.Equal(":rotating_light: Incident 1: R&D laptops <stolen>", (string?)opening["blocks"]![0]!["text"]!["text"]);
        Assert.StartsWith("Incident 1: R&amp;D laptops &lt;stolen&gt; is open", (string?)opening["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_channel_name_moves_to_the_next_suffix_and_incidents_are_numbered_in_order()
    {
        _app.Slack.AddChannel("CEXISTING1", Today);

        await _app.SendCommandAsync("incident First");
        var first = await WaitForActiveAsync(1);
        await _app.SendCommandAsync("incident Second");
        var second = await WaitForActiveAsync(2);

        Assert.Equal(Today + "-2", first.ChannelName);
        Assert.Equal(Today + "-3", second.ChannelName);
        Assert.NotEqual("CEXISTING1", first.ChannelId);
        // The second opening does not even try the name the first incident holds.
        var names = _app.Slack.Calls("conversations.create").Select(c => (string?)c.Json["name"]).ToList();
        Assert.Single(names, n => n == Today + "-2");
        Assert.Single(names, n => n == Today + "-3");
    }

    [Fact]
    public async Task Someone_outside_the_IR_team_cannot_open_an_incident()
    {
        var response = await _app.SendCommandAsync("incident Not mine to open", userId: IrBotApp.Outsider);

        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains("Only the IR team can open an incident", (string?)reply["text"], StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.Incidents.AnyAsync());
        Assert.Empty(_app.Slack.Calls("conversations.create"));
    }

    [Fact]
    public async Task A_title_that_is_too_long_is_refused_with_the_limit()
    {
        var response = await _app.SendCommandAsync("incident " + new string('x', OpenIncidentCommand.MaxTitleLength + 1));

        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains($"keep it to {OpenIncidentCommand.MaxTitleLength}", (string?)reply["text"], StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.Incidents.AnyAsync());
    }

    [Fact]
    public async Task A_user_group_counts_as_the_IR_team()
    {
        using var slack = FakeSlack.Start();
        slack.AddUserGroup("SIRTEAM001", "irteam", "UGROUP0001");
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["IrTeam:UserGroupId"] = "SIRTEAM001" }, slack: slack);
        // The group is read at start in the background; a command that comes first waits for it only 1.5 s (Slack's
        // 3 s), which a loaded test machine can exceed. What is tested here is the membership, not that race.
        await IrBotApp.WaitUntilAsync(() => app.Slack.Calls("usergroups.users.list").Count == 1, "the IR team group has been read");

        var response = await app.SendCommandAsync("incident From the group", userId: "UGROUP0001");

        Assert.Contains("Opening incident 1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The group named in the settings is the one read. That a command does not read it again is the next test's
        // (in one CI run this test saw a second read, cause not found; see the closing note of issue 15's last session).
        Assert.All(app.Slack.Calls("usergroups.users.list"), call => Assert.Equal("SIRTEAM001", call.Form["usergroup"]));
    }

    [Fact]
    public async Task The_IR_team_user_group_is_read_at_start_so_no_command_waits_for_it()
    {
        using var slack = FakeSlack.Start();
        slack.AddUserGroup("SIRTEAM001", "irteam", "UGROUP0001");
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["IrTeam:UserGroupId"] = "SIRTEAM001" }, slack: slack);

        // Before anyone runs a command.
        await IrBotApp.WaitUntilAsync(() => app.Slack.Calls("usergroups.users.list").Count == 1, "the user group is read at start");
        var response = await app.SendCommandAsync("incident Warm cache", userId: "UGROUP0001");

        Assert.Contains("Opening incident 1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(app.Slack.Calls("usergroups.users.list"));
    }

    [Fact]
    public async Task A_rate_limited_cold_user_group_does_not_hold_up_commands_they_answer_with_the_configured_members()
    {
        using var slack = FakeSlack.Start();
        slack.AddUserGroup("SIRTEAM001", "irteam", "UGROUP0001");
        slack.Override("usergroups.users.list", 429, new { ok = false, error = "ratelimited" }, retryAfter: "30");
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["IrTeam:UserGroupId"] = "SIRTEAM001" }, slack: slack);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var member = await app.SendCommandAsync("incident Rate limited", userId: IrBotApp.IrMember);
        var groupOnly = await app.SendCommandAsync("incident Not known yet", userId: "UGROUP0001");

        // A configured member is served; the group is not known yet, so its member is not (yet) on the team.
        Assert.Contains("Opening incident 1", await member.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Only the IR team can open an incident", await groupOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"answered after {started.Elapsed}");
        // Slack said 30 s: nobody asked again meanwhile, nor waited for it.
        Assert.Single(app.Slack.Calls("usergroups.users.list"));
    }

    private async Task<Incident> WaitForActiveAsync(int number)
    {
        Incident? incident = null;
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = _app.Db();
                incident = await db.Incidents.SingleOrDefaultAsync(i => i.Number == number && i.Status == IncidentStatus.Active);
                return incident is not null;
            },
            $"incident {number} is active");
        return incident!;
    }
}
