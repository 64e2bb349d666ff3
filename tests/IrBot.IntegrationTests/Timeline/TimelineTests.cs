using System.Net;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.TestSupport;
using IrBot.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Timeline;

public sealed class TimelineTests : IAsyncLifetime
{
    private const string Channel = "CINC000001";
    private const string PageId = "131073";
    private const string Author = "UAUTHOR001";
    private const string OutsideScribe = "USCRIBE001";

    private const string PageBody =
        "<p>Summary&nbsp;of the incident</p>" +
        "<h2>Timeline</h2>" +
        "<table data-layout=\"default\" ac:local-id=\"t-1\"><tbody>" +
        "<tr><th><p>Time (UTC)</p></th><th><p>Who</p></th><th><p>Note</p></th></tr>" +
        "<tr><td><p>2020-01-01 00:00</p></td><td><p>Hand</p></td><td><p>written by hand <ac:image><ri:attachment ri:filename=\"shot.png\" /></ac:image></p></td></tr>" +
        "</tbody></table>" +
        "<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\"><ac:plain-text-body><![CDATA[a < b]]></ac:plain-text-body></ac:structured-macro>";

    private readonly FakeConfluence _confluence = FakeConfluence.Start();
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _confluence.AddPage(PageId, "Incident 1: VPN", PageBody, version: 3);
        _app = await StartAsync();
        _app.Slack.AddUser(IrBotApp.IrMember, "Alice Example", title: "SOC analyst");
        _app.Slack.AddUser(Author, "Bob Builder", title: "Network team");
        await using var db = _app.Db();
        db.Incidents.Add(new Incident
        {
            Number = 1,
            Title = "VPN",
            Status = IncidentStatus.Active,
            RequestedBy = IrBotApp.IrMember,
            OpenedAt = DateTime.UtcNow,
            ChannelId = Channel,
            ChannelName = "ir-20261125",
            ScribeId = OutsideScribe,
            ConfluencePageId = PageId,
            ConfluencePageUrl = "https://example.atlassian.net/wiki/spaces/IR/pages/" + PageId,
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _confluence.Dispose();
    }

    private Task<IrBotApp> StartAsync(string schedule = "01:00:00", string? connectionString = null)
    {
        var settings = _confluence.Settings();
        settings["Schedules:TimelinePublish"] = schedule;
        return IrBotApp.StartAsync(settings!, connectionString);
    }

    private async Task<JsonNode> NoteAsync(string text, string user = IrBotApp.IrMember, string channel = Channel)
    {
        var response = await _app.SendCommandAsync(text, user, channel, "/note");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<List<TimelineNote>> NotesAsync()
    {
        await using var db = _app.Db();
        return await db.TimelineNotes.OrderBy(n => n.Id).ToListAsync();
    }

    private async Task PublishAsync(string user = IrBotApp.IrMember)
    {
        var before = _app.Slack.PostedTo(Channel).Count;
        var response = await _app.SendCommandAsync("pubtl", user, Channel);
        Assert.Contains("Publishing the timeline", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"], StringComparison.Ordinal);
        await IrBotApp.WaitUntilAsync(() => _app.Slack.PostedTo(Channel).Count > before, "the publish result is posted in the channel");
    }

    private static string MessageShortcut(string channel, string clicker, string author, string ts, string? threadTs, string responseUrl)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/message_action_rich_text.json"))!.AsObject();
        payload["callback_id"] = AddToTimelineShortcut.Id;
        payload["channel"] = new JsonObject { ["id"] = channel, ["name"] = "ir-20261125" };
        payload["user"] = new JsonObject { ["id"] = clicker, ["name"] = clicker.ToLowerInvariant() };
        payload["message_ts"] = ts;
        payload["response_url"] = responseUrl;
        var message = payload["message"]!.AsObject();
        message["user"] = author;
        message["ts"] = ts;
        message["text"] = "Firewall rule <b>deployed</b> & verified";
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return payload.ToJsonString();
    }

    [Fact]
    public async Task A_note_is_stored_with_its_author_and_time_and_confirmed_with_its_id_without_calling_slack()
    {
        var callsBefore = _app.Slack.Methods().Count;

        var reply = await NoteAsync("Isolated host web-01");

        var note = Assert.Single(await NotesAsync());
        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains($"note {note.Id}", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Equal(IrBotApp.IrMember, note.AuthorId);
        Assert.Equal("Isolated host web-01", note.Text);
        Assert.InRange(note.OccurredAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Null(note.PublishedAt);
        Assert.Equal(callsBefore, _app.Slack.Methods().Count);
    }

    [Fact]
    public async Task A_note_without_text_gets_the_usage()
    {
        var reply = await NoteAsync("  ");

        Assert.StartsWith("Usage: `/note", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Empty(await NotesAsync());
    }

    [Fact]
    public async Task Outsiders_and_other_channels_are_refused_but_the_scribe_may_write()
    {
        var outsider = await NoteAsync("I was here", IrBotApp.Outsider);
        var elsewhere = await NoteAsync("wrong place", IrBotApp.IrMember, "CRANDOM001");
        var scribe = await NoteAsync("the scribe writes", OutsideScribe);

        Assert.Equal(TimelineAccess.Refused, (string?)outsider["text"]);
        Assert.Equal(IncidentLookup.NotAnIncidentChannel, (string?)elsewhere["text"]);
        Assert.Contains("Noted as note", (string?)scribe["text"], StringComparison.Ordinal);
        Assert.Equal(["the scribe writes"], (await NotesAsync()).Select(n => n.Text));
    }

    [Fact]
    public async Task Add_to_timeline_on_a_thread_reply_takes_the_message_author_and_time_and_the_same_message_twice_is_one_note()
    {
        var responseUrl = _app.Slack.ResponseUrl();
        var payload = MessageShortcut(Channel, IrBotApp.IrMember, Author, "1764064800.123456", "1764064000.000100", responseUrl);

        Assert.Equal(HttpStatusCode.OK, (await _app.SendInteractionAsync(payload)).StatusCode);
        await IrBotApp.WaitUntilAsync(() => _app.Slack.ResponseUrlPosts().Count == 1, "the clicker is told");
        Assert.Equal(HttpStatusCode.OK, (await _app.SendInteractionAsync(payload)).StatusCode);
        await IrBotApp.WaitUntilAsync(() => _app.Slack.ResponseUrlPosts().Count == 2, "the clicker is told again");

        var note = Assert.Single(await NotesAsync());
        Assert.Equal(Author, note.AuthorId);
        Assert.Equal(new DateTime(2025, 11, 25, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234560), note.OccurredAt);
        Assert.Equal("1764064800.123456", note.SourceMessageTs);
        Assert.Equal("Firewall rule <b>deployed</b> & verified", note.Text);
        var answers = _app.Slack.ResponseUrlPosts().Select(p => (string?)p.Json["text"]).ToList();
        Assert.Contains($"Added to the timeline as note {note.Id}", answers[0], StringComparison.Ordinal);
        Assert.Contains($"already in the timeline as note {note.Id}", answers[1], StringComparison.Ordinal);
        Assert.All(_app.Slack.ResponseUrlPosts(), p => Assert.Equal("ephemeral", (string?)p.Json["response_type"]));
    }

    [Fact]
    public async Task Add_to_timeline_outside_an_incident_channel_says_so()
    {
        var payload = MessageShortcut("CRANDOM001", IrBotApp.IrMember, Author, "1764064800.000200", null, _app.Slack.ResponseUrl());

        await _app.SendInteractionAsync(payload);

        await IrBotApp.WaitUntilAsync(() => _app.Slack.ResponseUrlPosts().Count == 1, "the clicker is told");
        Assert.Contains("not one", (string?)_app.Slack.ResponseUrlPosts()[0].Json["text"], StringComparison.Ordinal);
        Assert.Empty(await NotesAsync());
    }

    [Fact]
    public async Task Publishing_adds_the_notes_to_the_page_and_keeps_everything_people_wrote()
    {
        await NoteAsync("Isolated <script>host</script> web-01, told <@UAUTHOR001>");
        await _app.SendInteractionAsync(MessageShortcut(Channel, IrBotApp.IrMember, Author, "1764064800.000300", null, _app.Slack.ResponseUrl()));
        await _app.WaitForIdleAsync();

        await PublishAsync();

        var page = _confluence.Page(PageId);
        Assert.Equal(4, page.Version);
        Assert.Contains("written by hand <ac:image><ri:attachment ri:filename=\"shot.png\" /></ac:image>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<![CDATA[a < b]]>", page.Body, StringComparison.Ordinal);
        Assert.Contains("Alice Example (SOC analyst)", page.Body, StringComparison.Ordinal);
        Assert.Contains("Bob Builder (Network team)", page.Body, StringComparison.Ordinal);
        Assert.Contains("Isolated &lt;script&gt;host&lt;/script&gt; web-01, told @Bob Builder", page.Body, StringComparison.Ordinal);
        Assert.Contains("2025-11-25 10:00:00", page.Body, StringComparison.Ordinal);
        // Chronological: the hand row (2020), the shortcut note (2025), then the /note (now).
        Assert.True(page.Body.IndexOf("2020-01-01", StringComparison.Ordinal) < page.Body.IndexOf("Bob Builder", StringComparison.Ordinal));
        Assert.True(page.Body.IndexOf("Bob Builder", StringComparison.Ordinal) < page.Body.IndexOf("Alice Example", StringComparison.Ordinal));
        Assert.All(await NotesAsync(), n => Assert.Equal(n.UpdatedAt, n.PublishedAt));
        var posted = _app.Slack.PostedTo(Channel)[^1];
        Assert.Contains("Timeline published to Confluence (2 new or changed note(s))", (string?)posted["text"], StringComparison.Ordinal);

        // Publishing again has nothing new and writes nothing.
        await PublishAsync();
        Assert.Single(_confluence.Writes(PageId));
        Assert.Contains("already up to date", (string?)_app.Slack.PostedTo(Channel)[^1]["text"], StringComparison.Ordinal);
        Assert.Empty(_confluence.Violations);
    }

    [Fact]
    public async Task Anyone_in_the_incident_channel_may_publish_the_timeline_but_not_from_elsewhere()
    {
        await NoteAsync("Blocked the attacker's IP");

        var elsewhere = await _app.SendCommandAsync("pubtl", IrBotApp.Outsider, "CNOTINC001");
        Assert.Equal(IncidentLookup.NotAnIncidentChannel, (string?)JsonNode.Parse(await elsewhere.Content.ReadAsStringAsync())!["text"]);
        Assert.Empty(_confluence.Writes(PageId));

        await PublishAsync(IrBotApp.Outsider);

        Assert.Contains("Blocked the attacker", _confluence.Page(PageId).Body, StringComparison.Ordinal);
        Assert.Contains("Timeline published to Confluence", (string?)_app.Slack.PostedTo(Channel)[^1]["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_message_added_to_the_timeline_is_published_with_the_bot_s_name()
    {
        _app.Slack.AddBot("BALERTS001", "Alert Manager");
        var payload = JsonNode.Parse(MessageShortcut(Channel, IrBotApp.IrMember, Author, "1764064800.000400", null, _app.Slack.ResponseUrl()))!;
        var message = payload["message"]!.AsObject();
        message.Remove("user");
        message["bot_id"] = "BALERTS001";
        message["subtype"] = "bot_message";
        await _app.SendInteractionAsync(payload.ToJsonString());
        await _app.WaitForIdleAsync();

        await PublishAsync();

        Assert.Contains("Alert Manager", _confluence.Page(PageId).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("BALERTS001", _confluence.Page(PageId).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Slack.Calls("users.info"), c => c.Form.GetValueOrDefault("user") == "BALERTS001");
        Assert.Single(_app.Slack.Calls("bots.info"));
    }

    [Fact]
    public async Task A_version_conflict_reads_the_page_again_and_keeps_the_edit_made_meanwhile()
    {
        await NoteAsync("Reset all VPN sessions");
        _confluence.EditByHandBeforeNextWrite(body => body.Replace(
            "</tbody></table>",
            "<tr><td><p>2020-06-01 00:00</p></td><td><p>Carol</p></td><td><p>added while the bot was merging</p></td></tr></tbody></table>",
            StringComparison.Ordinal));

        await PublishAsync();

        var page = _confluence.Page(PageId);
        var writes = _confluence.Writes(PageId);
        Assert.Equal(2, writes.Count);
        Assert.Equal(4, (int?)writes[0]["version"]!["number"]);
        Assert.Equal(5, (int?)writes[1]["version"]!["number"]);
        Assert.Equal(5, page.Version);
        Assert.Contains("added while the bot was merging", page.Body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Body, "Reset all VPN sessions"));
        Assert.Equal(2, _confluence.Count("GET", "/wiki/api/v2/pages/" + PageId));
        Assert.Empty(_confluence.Violations);
    }

    [Fact]
    public async Task An_edited_note_is_published_again_in_place_and_a_deleted_one_leaves_the_page()
    {
        await NoteAsync("Blocked IP 203.0.113.7");
        await NoteAsync("Rotated the VPN certificate");
        await PublishAsync();
        var first = await NotesAsync();

        // The scribe finds the note and opens it.
        var search = await _app.SendCommandAsync("searchnote blocked", OutsideScribe, Channel);
        var results = JsonNode.Parse(await search.Content.ReadAsStringAsync())!;
        var button = results["blocks"]!.AsArray().Select(b => b!["accessory"]).Single(a => a is not null)!;
        Assert.Equal(EditNoteButton.Id, (string?)button["action_id"]);
        Assert.Equal(first[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)button["value"]);

        var click = JsonNode.Parse(SlackPayloads.Fixture("interactivity/block_actions_ephemeral_message_button.json"))!.AsObject();
        click["user"] = new JsonObject { ["id"] = OutsideScribe, ["username"] = "scribe", ["name"] = "scribe", ["team_id"] = "T111" };
        click["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "ir-20261125" };
        click["response_url"] = _app.Slack.ResponseUrl();
        click["actions"]![0]!["action_id"] = EditNoteButton.Id;
        click["actions"]![0]!["value"] = (string?)button["value"];
        await _app.SendInteractionAsync(click.ToJsonString());
        await IrBotApp.WaitUntilAsync(() => _app.Slack.Calls("views.open").Count == 1, "the edit modal opens");
        var modal = _app.Slack.Calls("views.open")[0].Json["view"]!;
        Assert.Equal(EditNoteSubmission.Id, (string?)modal["callback_id"]);
        Assert.Equal("Blocked IP 203.0.113.7", (string?)modal["blocks"]![1]!["element"]!["initial_value"]);

        // The scribe saves a correction, and deletes the other note.
        Assert.Equal(HttpStatusCode.OK, (await _app.SendInteractionAsync(Submission(first[0].Id, OutsideScribe, "Blocked IP 203.0.113.8 (typo fixed)", delete: false))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.SendInteractionAsync(Submission(first[1].Id, OutsideScribe, "Rotated the VPN certificate", delete: true))).StatusCode);
        await PublishAsync();

        var body = _confluence.Page(PageId).Body;
        Assert.Contains("Blocked IP 203.0.113.8 (typo fixed)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.7", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Rotated the VPN certificate", body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, $"tl-{first[0].Id}<"));
        Assert.Contains("written by hand", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_written_or_corrected_while_the_page_is_being_written_wait_for_the_next_publish()
    {
        await NoteAsync("Blocked IP 203.0.113.7");
        await NoteAsync("Rotated the VPN certificate");
        var read = await NotesAsync();
        _confluence.EditByHandBeforeNextWrite(body =>
        {
            // While the bot writes the page (its notes already read): someone notes something and the scribe fixes a typo.
            NoteAsync("Called the ISP").GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.OK, _app.SendInteractionAsync(Submission(read[0].Id, OutsideScribe, "Blocked IP 203.0.113.8", delete: false)).GetAwaiter().GetResult().StatusCode);
            return body;
        });

        await PublishAsync();

        var notes = await NotesAsync();
        var body = _confluence.Page(PageId).Body;
        Assert.Contains("Blocked IP 203.0.113.7", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Called the ISP", body, StringComparison.Ordinal);
        Assert.Equal(notes[1].UpdatedAt, notes[1].PublishedAt);
        await using (var db = _app.Db())
        {
            Assert.Equal(
                ["Blocked IP 203.0.113.8", "Called the ISP"],
                await TimelinePublisher.Pending(db.TimelineNotes).OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());
        }

        await PublishAsync();

        body = _confluence.Page(PageId).Body;
        Assert.Contains("Blocked IP 203.0.113.8", body, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.7", body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "Called the ISP"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "Rotated the VPN certificate"));
        Assert.All(await NotesAsync(), n => Assert.Equal(n.UpdatedAt, n.PublishedAt));
        Assert.Empty(_confluence.Violations);
    }

    [Fact]
    public async Task Someone_outside_the_team_cannot_edit_a_note()
    {
        await NoteAsync("Blocked IP 203.0.113.7");
        var note = Assert.Single(await NotesAsync());

        var response = await _app.SendInteractionAsync(Submission(note.Id, IrBotApp.Outsider, "vandalised", delete: false));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)answer["response_action"]);
        Assert.Equal("Blocked IP 203.0.113.7", Assert.Single(await NotesAsync()).Text);
        var search = JsonNode.Parse(await (await _app.SendCommandAsync("searchnote", IrBotApp.Outsider, Channel)).Content.ReadAsStringAsync())!;
        Assert.Equal(TimelineAccess.Refused, (string?)search["text"]);
    }

    [Fact]
    public async Task When_confluence_is_down_the_notes_wait_and_go_out_once_it_is_back()
    {
        // Same database, now with the publish job every second.
        var database = _app.ConnectionString;
        await _app.DisposeAsync();
        _app = await StartAsync(schedule: "00:00:01", connectionString: database);
        _confluence.Down = true;

        await NoteAsync("Contained");
        await IrBotApp.WaitUntilAsync(() => _app.Slack.PostedTo(IrBotApp.AdminChannel).Count > 0, "the admin channel hears of the failure");
        Assert.Contains("Confluence", (string?)_app.Slack.PostedTo(IrBotApp.AdminChannel)[0]["text"], StringComparison.Ordinal);
        Assert.Null(Assert.Single(await NotesAsync()).PublishedAt);
        Assert.DoesNotContain("Contained", _confluence.Page(PageId).Body, StringComparison.Ordinal);

        _confluence.Down = false;

        await IrBotApp.WaitUntilAsync(() => _confluence.Page(PageId).Body.Contains("Contained", StringComparison.Ordinal), "the scheduled publish puts the note on the page");
        await IrBotApp.WaitUntilAsync(async () => (await NotesAsync())[0].PublishedAt is not null, "the note is marked published");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(_confluence.Page(PageId).Body, "Contained"));
    }

    private static string Submission(long noteId, string user, string text, bool delete)
    {
        var payload = JsonNode.Parse(SlackPayloads.Fixture("interactivity/view_submission_static_select_datepicker_multiline.json"))!.AsObject();
        payload["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = "T111" };
        var view = payload["view"]!.AsObject();
        view["callback_id"] = EditNoteSubmission.Id;
        view["private_metadata"] = noteId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        view["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                [EditNoteSubmission.TextBlock] = new JsonObject { [EditNoteSubmission.TextAction] = new JsonObject { ["type"] = "plain_text_input", ["value"] = text } },
                [EditNoteSubmission.DeleteBlock] = new JsonObject
                {
                    [EditNoteSubmission.DeleteAction] = new JsonObject
                    {
                        ["type"] = "checkboxes",
                        ["selected_options"] = delete
                            ? new JsonArray(new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Delete this note from the timeline" }, ["value"] = EditNoteSubmission.DeleteValue })
                            : new JsonArray(),
                    },
                },
            },
        };
        return payload.ToJsonString();
    }
}
