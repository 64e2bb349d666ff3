using System.Text.Json.Nodes;
using IrBot.TestSupport;
using IrBot.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

public sealed class RemindersTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await IrBotApp.StartAsync(
            new Dictionary<string, string?> { ["Participants:DwellThresholdHours"] = "24", ["Participants:RulesText"] = "Rule one: need-to-know." },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        await AddIncidentAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task People_outside_the_ir_team_who_stayed_past_the_threshold_are_asked_to_leave_and_listed_for_the_admins_with_a_kick_button()
    {
        await _app.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvG1"));
        await _app.SendEventAsync(Joined(IrBotApp.IrMember2, IrBotApp.IrMember, "EvIR"));
        await _app.SendEventAsync(Joined(IrBotApp.Outsider, IrBotApp.IrMember, "EvO1"));
        await _app.WaitForIdleAsync();
        await _app.SendEventAsync(Left(IrBotApp.Outsider, "EvO2"));
        await _app.WaitForIdleAsync();
        // Requests are signed with the real time, so a later join is stored directly rather than sent after moving the clock.
        _clock.Advance(TimeSpan.FromHours(20));
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            db.MembershipEvents.Add(new MembershipEvent { IncidentId = incident.Id, UserId = "ULATECOMER", Kind = MembershipKind.Joined, OccurredAt = _clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        var early = await CheckDwellAsync();
        Assert.Empty(early);

        _clock.Advance(TimeSpan.FromHours(5));
        var dwellers = await CheckDwellAsync();

        var dweller = Assert.Single(dwellers);
        Assert.Equal((Guest, 25), (dweller.UserId, dweller.Hours));
        var dm = Assert.Single(DirectMessagesTo(_app, Guest), m => m.Contains(":hourglass:", StringComparison.Ordinal));
        Assert.Contains($"You have been in <#{Channel}>", dm, StringComparison.Ordinal);
        Assert.Contains("for 25 hours. If your help is no longer needed, please leave", dm, StringComparison.Ordinal);
        Assert.DoesNotContain(DirectMessagesTo(_app, IrBotApp.IrMember2), m => m.Contains(":hourglass:", StringComparison.Ordinal));

        var report = Assert.Single(_app.Slack.PostedTo(IrBotApp.AdminChannel));
        var person = report["blocks"]!.AsArray().Single(b => (string?)b!["accessory"]?["action_id"] == KickAction.Id)!;
        Assert.Equal($"<@{Guest}> in <#{Channel}> for 25 hours", (string?)person["text"]!["text"]);
        Assert.Equal($"{Channel}|{Guest}", (string?)person["accessory"]!["value"]);
    }

    [Fact]
    public async Task The_rules_go_again_to_every_person_in_an_active_incident_channel_across_member_pages_but_not_to_bots()
    {
        _app.Slack.AddUser(Guest, "Guest One");
        _app.Slack.AddUser("UHELPERBOT", "Helper Bot", isBot: true);
        MembersInTwoPages(Channel, [Guest, IrBotApp.BotUserId], ["UHELPERBOT", IrBotApp.IrMember2]);

        var sent = await _app.Services.CreateScope().ServiceProvider.GetRequiredService<ParticipantReminders>().SendRulesAsync(CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Contains("Rule one: need-to-know.", Assert.Single(DirectMessagesTo(_app, Guest)), StringComparison.Ordinal);
        Assert.Single(DirectMessagesTo(_app, IrBotApp.IrMember2));
        Assert.Empty(DirectMessagesTo(_app, "UHELPERBOT"));
        Assert.Empty(DirectMessagesTo(_app, IrBotApp.BotUserId));
        Assert.Equal(2, _app.Slack.Calls("conversations.members").Count);
    }

    [Fact]
    public async Task The_commander_the_scribe_and_owners_of_open_tasks_are_never_asked_to_leave()
    {
        const string Commander = "UCMDR00001", Scribe = "USCRIBE001", Owner = "UOWNER0001", DoneOwner = "UDONE00001";
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            incident.CommanderId = Commander;
            incident.ScribeId = Scribe;
            var at = _clock.GetUtcNow().UtcDateTime;
            db.Tasks.Add(new IrBot.Tasks.IncidentTask { IncidentId = incident.Id, ShortId = "T-1", Title = "Rotate keys", OwnerId = Owner, CreatedBy = Commander, CreatedAt = at });
            db.Tasks.Add(new IrBot.Tasks.IncidentTask { IncidentId = incident.Id, ShortId = "T-2", Title = "Block IP", OwnerId = DoneOwner, CreatedBy = Commander, CreatedAt = at, Status = IrBot.Tasks.IncidentTaskStatus.Resolved });
            foreach (var user in new[] { Commander, Scribe, Owner, DoneOwner, Guest })
            {
                db.MembershipEvents.Add(new MembershipEvent { IncidentId = incident.Id, UserId = user, Kind = MembershipKind.Joined, OccurredAt = at });
            }

            await db.SaveChangesAsync();
        }

        _clock.Advance(TimeSpan.FromHours(30));
        var dwellers = await CheckDwellAsync();

        Assert.Equal([DoneOwner, Guest], dwellers.Select(d => d.UserId).Order(StringComparer.Ordinal));
        foreach (var user in new[] { Commander, Scribe, Owner })
        {
            Assert.DoesNotContain(DirectMessagesTo(_app, user), m => m.Contains(":hourglass:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_rules_go_again_to_the_people_who_had_them_on_joining_not_to_ir_members_the_bot_invited()
    {
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            var at = _clock.GetUtcNow().UtcDateTime;
            db.MembershipEvents.Add(new MembershipEvent { IncidentId = incident.Id, UserId = IrBotApp.IrMember2, InviterId = IrBotApp.BotUserId, Kind = MembershipKind.Joined, OccurredAt = at });
            db.MembershipEvents.Add(new MembershipEvent { IncidentId = incident.Id, UserId = Guest, InviterId = IrBotApp.BotUserId, Kind = MembershipKind.Joined, OccurredAt = at });
            db.MembershipEvents.Add(new MembershipEvent { IncidentId = incident.Id, UserId = IrBotApp.IrMember, InviterId = null, Kind = MembershipKind.Joined, OccurredAt = at });
            await db.SaveChangesAsync();
        }

        _app.Slack.Override("conversations.members", 200, new { ok = true, members = new[] { Guest, IrBotApp.IrMember, IrBotApp.IrMember2 }, response_metadata = new { next_cursor = string.Empty } });

        var sent = await _app.Services.CreateScope().ServiceProvider.GetRequiredService<ParticipantReminders>().SendRulesAsync(CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Single(DirectMessagesTo(_app, IrBotApp.IrMember));
        Assert.Empty(DirectMessagesTo(_app, IrBotApp.IrMember2));
    }

    [Fact]
    public async Task Kick_is_refused_for_people_outside_the_ir_team()
    {
        await _app.SendInteractionAsync(Click(KickAction.Id, KickAction.Value(Channel, Guest), IrBotApp.Outsider, IrBotApp.AdminChannel, _app.Slack.ResponseUrl()));
        await _app.WaitForIdleAsync();

        var refusal = Assert.Single(_app.Slack.ResponseUrlPosts()).Json;
        Assert.Contains("Only the IR team", (string?)refusal["text"], StringComparison.Ordinal);
        Assert.Empty(_app.Slack.Calls("conversations.kick"));
        Assert.Empty(DirectMessagesTo(_app, Guest));
    }

    [Fact]
    public async Task Kick_by_the_ir_team_removes_the_person_and_thanks_them_politely()
    {
        await _app.SendInteractionAsync(Click(KickAction.Id, KickAction.Value(Channel, Guest), IrBotApp.IrMember, IrBotApp.AdminChannel, _app.Slack.ResponseUrl()));
        await _app.WaitForIdleAsync();

        var kick = Assert.Single(_app.Slack.Calls("conversations.kick"));
        Assert.Equal((Channel, Guest), ((string?)kick.Json["channel"], (string?)kick.Json["user"]));
        var dm = Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Contains("need-to-know", dm, StringComparison.Ordinal);
        Assert.Contains("Thank you for your help", dm, StringComparison.Ordinal);
        Assert.Contains("Removed", (string?)Assert.Single(_app.Slack.ResponseUrlPosts()).Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_deliveries_of_one_kick_click_kick_and_dm_once_and_the_later_ones_are_told_it_is_already_in_progress()
    {
        var click = Click(KickAction.Id, KickAction.Value(Channel, Guest), IrBotApp.IrMember, IrBotApp.AdminChannel, _app.Slack.ResponseUrl());

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _app.SendInteractionAsync(click)));

        Assert.All(answers, a => a.EnsureSuccessStatusCode());
        await IrBotApp.WaitUntilAsync(() => _app.Slack.ResponseUrlPosts().Count == 3, "every delivery is answered");
        await _app.WaitForIdleAsync();
        Assert.Single(_app.Slack.Calls("conversations.kick"));
        Assert.Single(DirectMessagesTo(_app, Guest));
        var told = _app.Slack.ResponseUrlPosts().Select(p => (string?)p.Json["text"] ?? string.Empty).ToList();
        Assert.Single(told, t => t.Contains("Removed", StringComparison.Ordinal));
        Assert.Equal(2, told.Count(t => t.Contains("already in progress", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_kick_dm_that_fails_for_good_is_reported_with_a_retry_that_sends_only_the_dm_once()
    {
        _app.Slack.FailNext("conversations.open", "missing_scope", needed: "im:write");

        await _app.SendInteractionAsync(Click(KickAction.Id, KickAction.Value(Channel, Guest), IrBotApp.IrMember, IrBotApp.AdminChannel, _app.Slack.ResponseUrl()));

        static bool IsReport(JsonNode m) => ((string?)m["text"])!.Contains("stopped `" + KickDmWork.Kind, StringComparison.Ordinal);
        await IrBotApp.WaitUntilAsync(() => _app.Slack.PostedTo(IrBotApp.AdminChannel).Any(IsReport), "the admins are told the DM was not sent");
        var report = _app.Slack.PostedTo(IrBotApp.AdminChannel).Single(IsReport);
        Assert.Contains("`im:write`", (string?)report["text"], StringComparison.Ordinal);
        Assert.Empty(DirectMessagesTo(_app, Guest));
        var retry = (string)report["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Single()!["value"]!;

        await _app.SendInteractionAsync(Click(IrBot.Work.WorkFailureReports.RetryAction, retry, IrBotApp.IrMember, IrBotApp.AdminChannel, _app.Slack.ResponseUrl()));
        await IrBotApp.WaitUntilAsync(() => DirectMessagesTo(_app, Guest).Count == 1, "the DM is sent on retry");
        await _app.WaitForIdleAsync();
        await _app.SendInteractionAsync(Click(IrBot.Work.WorkFailureReports.RetryAction, retry, IrBotApp.IrMember2, IrBotApp.AdminChannel, _app.Slack.ResponseUrl()));
        await IrBotApp.WaitUntilAsync(() => _app.Slack.ResponseUrlPosts().Any(p => ((string?)p.Json["text"])!.Contains("already queued again or done", StringComparison.Ordinal)), "the second retry is told");
        await _app.WaitForIdleAsync();

        Assert.Single(_app.Slack.Calls("conversations.kick"));
        Assert.Single(DirectMessagesTo(_app, Guest));
    }

    [Fact]
    public async Task A_rules_firing_run_again_after_a_crash_sends_nobody_the_rules_twice()
    {
        _app.Slack.AddUser(Guest, "Guest One");
        MembersInTwoPages(Channel, [Guest], [IrBotApp.IrMember2]);
        // The guest's DM is posted and its answer lost: the firing goes on to the next person.
        using var injector = FailureInjector.LoseAnswers(_app.Slack.Server);
        var firing = ReminderFiring.At(_clock.GetUtcNow());
        using var scope = _app.Services.CreateScope();
        var reminders = scope.ServiceProvider.GetRequiredService<ParticipantReminders>();

        var first = await reminders.SendRulesAsync(CancellationToken.None, firing);
        // Quartz runs a firing interrupted by a crash again (recovery): it looks for each DM before sending it.
        var recovered = await reminders.SendRulesAsync(CancellationToken.None, firing with { MayHaveRun = true });
        var next = await reminders.SendRulesAsync(CancellationToken.None, ReminderFiring.At(_clock.GetUtcNow().AddHours(8)));

        Assert.Equal((1, 0, 2), (first, recovered, next));
        // What Slack holds (the request log counts the injected request twice: as it came, and as passed on).
        Assert.Equal(2, _app.Slack.Messages().Count(m => m.Channel == "D" + Guest));
        Assert.Equal(2, _app.Slack.Messages().Count(m => m.Channel == "D" + IrBotApp.IrMember2));
        Assert.Single(injector.Injected);
    }

    private async Task<IReadOnlyList<Dweller>> CheckDwellAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ParticipantReminders>().CheckDwellAsync(CancellationToken.None);
    }

    /// <summary>conversations.members answering two pages: the second only for the first page's cursor.</summary>
    private void MembersInTwoPages(string channel, string[] first, string[] second)
    {
        static string Page(string[] members, string cursor) => new JsonObject
        {
            ["ok"] = true,
            ["members"] = new JsonArray(members.Select(m => (JsonNode)m).ToArray()),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = cursor },
        }.ToJsonString();

        _app.Slack.Server.Given(Request.Create().WithPath("/api/conversations.members").UsingPost()
                .WithBody(new RegexMatcher($"channel={channel}.*cursor=dXNlcjpVMDYxTkZUVDI%3D|cursor=dXNlcjpVMDYxTkZUVDI%3D.*channel={channel}")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Page(second, string.Empty)));
        _app.Slack.Server.Given(Request.Create().WithPath("/api/conversations.members").UsingPost()
                .WithBody(new RegexMatcher($"channel={channel}")))
            .AtPriority(2)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Page(first, "dXNlcjpVMDYxTkZUVDI=")));
    }
}
