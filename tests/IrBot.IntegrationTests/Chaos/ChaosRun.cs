using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Integrations;
using IrBot.IntegrationTests.Incidents;
using IrBot.IntegrationTests.Participants;
using IrBot.IntegrationTests.Tasks;
using IrBot.Tasks;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Chaos;

/// <summary>
/// The random driver of <see cref="ChaosTests"/>: picks what a busy IR team would do next, sends it as Slack would,
/// and remembers what each accepted request must lead to, so the end state can be checked system by system.
/// </summary>
internal sealed class ChaosRun(ChaosWorld world, Random random, Action<string> say)
{
    private const string RequestChannel = "CREQUEST01";
    private static readonly string[] People = [IrBotApp.IrMember, IrBotApp.IrMember2, ChaosWorld.Owner];

    private readonly List<ExpectedIncident> _incidents = [];
    private readonly List<ExpectedTask> _tasks = [];
    private readonly List<(string User, string Event, string Channel)> _memberships = [];
    private readonly List<string> _log = [];
    private int _guests;
    private int _texts;

    public string Summary =>
        $"{_incidents.Count} incidents ({_incidents.Count(i => i.Archived)} archived), {_tasks.Count} tasks, "
        + $"{_incidents.Sum(i => i.Notes.Count)} notes, {_memberships.Count} joins/leaves, {_log.Count} requests";

    /// <summary>Two distinct steps, apart and away from both ends, at which the bot is killed.</summary>
    public HashSet<int> KillPoints(int steps)
    {
        var first = random.Next(steps / 6, steps / 2);
        var second = random.Next(first + (steps / 6), steps - (steps / 8));
        return [first, second];
    }

    public async Task StepAsync(int step, int steps)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var logged = _log.Count;
        await ActAsync(step, steps);
        say($"step {step}: {string.Join("; ", _log.Skip(logged))} ({started.ElapsedMilliseconds} ms)");
    }

    private async Task ActAsync(int step, int steps)
    {
        var live = await LiveAsync();
        if (live.Count == 0 || (_incidents.Count(i => !i.Archived) < 3 && random.NextDouble() < 0.1))
        {
            await OpenIncidentAsync();
            if (live.Count == 0)
            {
                await WaitForLiveAsync();
            }

            return;
        }

        var (model, incident) = live[random.Next(live.Count)];
        var channel = incident.ChannelId!;
        var roll = random.NextDouble();
        var late = step > steps / 3;
        await (roll switch
        {
            < 0.06 => SetRoleAsync(model, channel, "ic"),
            < 0.10 => SetRoleAsync(model, channel, "scribe"),
            < 0.24 => NewTaskAsync(model, incident, channel),
            < 0.34 => ClickTaskAsync(model, incident, TaskMessages.StartAction),
            < 0.42 => ClickTaskAsync(model, incident, TaskMessages.CommentAction),
            < 0.49 => ClickTaskAsync(model, incident, TaskMessages.ResolveAction),
            < 0.53 => MuteAsync(model, incident, channel),
            < 0.67 => NoteAsync(model, channel),
            < 0.72 => UpdateAsync(model, incident, channel),
            < 0.77 => CommandAsync("pubtl", channel),
            < 0.86 => JoinAsync(channel),
            < 0.91 => LeaveAsync(channel),
            < 0.95 => MessageAsync(channel, step),
            _ when late => ArchiveAsync(model, incident, channel),
            _ => NoteAsync(model, channel),
        });
        await Task.Delay(random.Next(0, 150));
    }

    private async Task OpenIncidentAsync()
    {
        var title = $"Chaos incident {_incidents.Count + 1}";
        if (await AcceptedAsync(() => world.CommandAsync("incident " + title, RequestChannel), "open " + title))
        {
            _incidents.Add(new ExpectedIncident(title));
        }
    }

    private async Task SetRoleAsync(ExpectedIncident model, string channel, string role)
    {
        var who = People[random.Next(People.Length)];
        if (await AcceptedAsync(() => world.CommandAsync($"{role} <@{who}>", channel), $"{role} {who} in {model.Title}"))
        {
            if (role == "ic")
            {
                model.Commander = who;
            }
        }
    }

    private async Task NewTaskAsync(ExpectedIncident model, Incident incident, string channel)
    {
        // The modal may not open (Slack failing); the person tries again and submits: the submission is what counts.
        await AcceptedAsync(() => world.CommandAsync("newtask", channel), "newtask");
        var title = $"Chaos task {_tasks.Count + 1}";
        var submitted = await SubmitAsync(
            TaskPayloads.ViewSubmission(
                NewTaskModal.CallbackId,
                IrBotApp.IrMember,
                incident.Id.ToString(CultureInfo.InvariantCulture),
                (NewTaskModal.TitleBlock, TaskPayloads.Text(title)),
                (NewTaskModal.DescriptionBlock, TaskPayloads.Text("Made by the chaos test.")),
                (NewTaskModal.OwnerBlock, TaskPayloads.User(ChaosWorld.Owner)),
                (NewTaskModal.CriticalityBlock, TaskPayloads.Select("High"))),
            "submit " + title);
        if (submitted)
        {
            _tasks.Add(new ExpectedTask(title, model));
        }
    }

    private async Task ClickTaskAsync(ExpectedIncident model, Incident incident, string action)
    {
        await using var db = world.Db();
        var open = _tasks.Where(t => t.Incident == model && !t.Resolved).Select(t => t.Title).ToList();
        // Only a task whose DM card was posted can be clicked.
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.IncidentId == incident.Id && t.DmMessageTs != null && open.Contains(t.Title))
            .ToListAsync();
        if (tasks.Count == 0)
        {
            await NoteAsync(model, incident.ChannelId!);
            return;
        }

        var task = tasks[random.Next(tasks.Count)];
        var expected = _tasks.Single(t => t.Title == task.Title);
        var id = task.Id.ToString(CultureInfo.InvariantCulture);
        string Click() => TaskPayloads.Button(action, id, ChaosWorld.Owner, task.DmChannelId ?? "D" + ChaosWorld.Owner, task.DmMessageTs!);
        if (action == TaskMessages.StartAction)
        {
            // An impatient owner clicks up to three times.
            var clicks = random.Next(1, 4);
            var accepted = false;
            for (var i = 0; i < clicks; i++)
            {
                accepted |= await AcceptedAsync(() => world.InteractionAsync(Click()), $"start {task.ShortId} ({i + 1}/{clicks})");
            }

            expected.Started |= accepted;
            return;
        }

        await AcceptedAsync(() => world.InteractionAsync(Click()), $"{action} {task.ShortId}");
        var text = NextText(action == TaskMessages.CommentAction ? "Comment" : "Resolution");
        var callback = action == TaskMessages.CommentAction ? TaskTextModal.CommentCallbackId : TaskTextModal.ResolveCallbackId;
        var submitted = await SubmitAsync(
            TaskPayloads.ViewSubmission(callback, ChaosWorld.Owner, id, (TaskTextModal.TextBlock, TaskPayloads.Text(text))),
            $"{callback} {task.ShortId}");
        if (!submitted)
        {
            return;
        }

        expected.JiraComments.Add(text);
        if (action == TaskMessages.ResolveAction)
        {
            expected.Resolved = true;
        }
    }

    private async Task MuteAsync(ExpectedIncident model, Incident incident, string channel)
    {
        await using var db = world.Db();
        var open = _tasks.Where(t => t.Incident == model && !t.Resolved).Select(t => t.Title).ToList();
        var task = await db.Tasks.AsNoTracking().Where(t => t.IncidentId == incident.Id && open.Contains(t.Title)).OrderBy(t => t.Id).FirstOrDefaultAsync();
        if (task is null)
        {
            await NoteAsync(model, channel);
            return;
        }

        await AcceptedAsync(() => world.CommandAsync("mute " + task.ShortId, channel), "mute " + task.ShortId);
        var mute = random.Next(2) == 0;
        var submitted = await SubmitAsync(
            TaskPayloads.ViewSubmission(
                MuteModal.CallbackId,
                IrBotApp.IrMember,
                string.Empty,
                (MuteModal.TaskBlock, TaskPayloads.Text(task.ShortId)),
                (MuteModal.ChoiceBlock, TaskPayloads.Radio(mute ? MuteModal.Mute : MuteModal.Unmute))),
            $"{(mute ? "mute" : "unmute")} {task.ShortId}");
        if (submitted)
        {
            _tasks.Single(t => t.Title == task.Title).Muted = mute;
        }
    }

    private async Task NoteAsync(ExpectedIncident model, string channel)
    {
        var text = NextText("Note");
        if (await AcceptedAsync(() => world.CommandAsync(text, channel, command: "/note"), "note " + text))
        {
            model.Notes.Add(text);
        }
    }

    private async Task UpdateAsync(ExpectedIncident model, Incident incident, string channel)
    {
        await AcceptedAsync(() => world.CommandAsync("update", channel), "update");
        var synopsis = NextText("Status update");
        var submitted = await SubmitAsync(
            TaskPayloads.ViewSubmission(UpdateModal.CallbackId, IrBotApp.IrMember, incident.Id.ToString(CultureInfo.InvariantCulture), (UpdateModal.SynopsisBlock, TaskPayloads.Text(synopsis))),
            "update " + synopsis);
        if (submitted)
        {
            model.Notes.Add(synopsis);
            model.Updates.Add(synopsis);
        }
    }

    private async Task CommandAsync(string text, string channel) =>
        await AcceptedAsync(() => world.CommandAsync(text, channel), text);

    private async Task JoinAsync(string channel)
    {
        var user = "UCHAOS" + (++_guests).ToString("D4", CultureInfo.InvariantCulture);
        world.Slack.AddUser(user, $"Chaos Guest {_guests}");
        if (await world.EventAsync(ParticipantsKit.Joined(user, IrBotApp.IrMember, "EvJ" + user, channel)))
        {
            _memberships.Add((user, "enter", channel));
        }

        _log.Add("join " + user);
    }

    private async Task LeaveAsync(string channel)
    {
        var joined = _memberships.Where(m => m.Channel == channel).GroupBy(m => m.User).Where(g => g.Count() == 1).Select(g => g.Key).ToList();
        if (joined.Count == 0)
        {
            await JoinAsync(channel);
            return;
        }

        var user = joined[random.Next(joined.Count)];
        if (await world.EventAsync(ParticipantsKit.Left(user, "EvL" + user, channel)))
        {
            _memberships.Add((user, "leave", channel));
        }

        _log.Add("leave " + user);
    }

    private async Task MessageAsync(string channel, int step)
    {
        var ts = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{step:D6}";
        var inner = SlackPayloads.InnerEvent("events/message_channel_human.json", ("user", IrBotApp.IrMember), ("channel", channel), ("text", NextText("Chatter")), ("ts", ts));
        await world.EventAsync(SlackPayloads.EventEnvelope(inner, "EvM" + ts));
        _log.Add("message " + ts);
    }

    private async Task ArchiveAsync(ExpectedIncident model, Incident incident, string channel)
    {
        await AcceptedAsync(() => world.CommandAsync("archive", channel), "archive");
        if (await SubmitAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "chaos", "Survived the chaos."), "archive " + model.Title))
        {
            model.Archived = true;
        }
    }

    private string NextText(string what) => $"{what} {++_texts} of the chaos run";

    /// <summary>A request Slack sends; true when IR Bot answered 200 (a command's reply may still say no: see the callers).</summary>
    private async Task<bool> AcceptedAsync(Func<Task<HttpResponseMessage>> send, string what)
    {
        _log.Add(what);
        try
        {
            using var response = await send();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>A view submission: accepted when answered 200 with an empty body (no errors, the modal closes).</summary>
    private async Task<bool> SubmitAsync(string payload, string what)
    {
        _log.Add(what);
        try
        {
            using var response = await world.InteractionAsync(payload);
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && body.Length > 0)
            {
                say($"  {what}: refused {body}");
            }

            return response.IsSuccessStatusCode && body.Length == 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<List<(ExpectedIncident Model, Incident Incident)>> LiveAsync()
    {
        await using var db = world.Db();
        var active = await db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Active && i.ChannelId != null).ToListAsync();
        return _incidents.Where(m => !m.Archived)
            .Select(m => (Model: m, Incident: active.FirstOrDefault(i => i.Title == m.Title)))
            .Where(p => p.Incident is not null)
            .Select(p => (p.Model, p.Incident!))
            .ToList();
    }

    private async Task WaitForLiveAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline && (await LiveAsync()).Count == 0)
        {
            await Task.Delay(250);
        }
    }

    /// <summary>Waits (failures off) until nothing is left to do: no pending work, every opening and archive finished, Sumo told of every join and leave.</summary>
    public async Task WaitForQuietAsync(TimeSpan timeout)
    {
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = world.Db();
                if (await db.WorkItems.AnyAsync(w => w.Status == WorkStatus.Pending)
                    || await db.MembershipEvents.AnyAsync(e => e.SentToSumoAt == null))
                {
                    return false;
                }

                var incidents = await db.Incidents.AsNoTracking().ToListAsync();
                return _incidents.All(m => incidents.Any(i => i.Title == m.Title && i.Status == (m.Archived ? IncidentStatus.Closed : IncidentStatus.Active)));
            },
            "the bot has finished everything it accepted",
            timeout);
        await Task.Delay(500);
    }

    public async Task AssertFinalStateAsync()
    {
        await using var db = world.Db();
        var failed = await db.WorkItems.AsNoTracking().Where(w => w.Status == WorkStatus.Failed).Select(w => w.Kind + ": " + w.LastError).ToListAsync();
        Assert.True(failed.Count == 0, "work that failed for good:\n" + string.Join('\n', failed));

        var incidents = await db.Incidents.AsNoTracking().ToListAsync();
        Assert.Equal(_incidents.Select(i => i.Title).Order(), incidents.Select(i => i.Title).Order());
        var slackChannels = world.Slack.Channels;
        Assert.Equal(incidents.Count, slackChannels.Count);
        Assert.Equal(incidents.Count, world.TheHive.Cases.Count);
        Assert.Equal(incidents.Count, world.Confluence.Pages.Count);
        var notes = await db.TimelineNotes.AsNoTracking().Where(n => !n.Deleted).ToListAsync();
        var tasks = await db.Tasks.AsNoTracking().ToListAsync();
        Assert.Equal(_tasks.Select(t => t.Title).Order(), tasks.Select(t => t.Title).Order());
        var withoutIssue = tasks.Where(t => t.JiraKey is null).Select(t => $"{t.ShortId} '{t.Title}' {t.Status} (incident {t.IncidentId})").ToList();
        var assignments = await db.WorkItems.AsNoTracking().Where(w => w.Kind == AssignTaskWork.Kind).Select(w => w.Payload + " " + w.Status + " " + w.State + " " + w.LastError).ToListAsync();
        Assert.True(withoutIssue.Count == 0, "tasks without a Jira issue:\n" + string.Join('\n', withoutIssue) + "\nassignments:\n" + string.Join('\n', assignments));
        // A create whose answer was lost and which search showed too late is resolved as a linked duplicate: by design.
        var duplicates = world.Jira.Links.Where(l => l.Type == "Duplicate").Select(l => l.Inward).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(tasks.Count, world.Jira.Issues.Count(i => !duplicates.Contains(i.Key)));

        foreach (var model in _incidents)
        {
            var incident = incidents.Single(i => i.Title == model.Title);
            var what = $"{model.Title} (#{incident.Number})";
            Assert.Contains(slackChannels, c => c.Id == incident.ChannelId);
            var @case = Assert.Single(world.TheHive.Cases, c => (string?)c["_id"] == incident.TheHiveCaseId);
            var page = Assert.Single(world.Confluence.Pages, p => p.Id == incident.ConfluencePageId);
            if (model.Commander is not null)
            {
                Assert.Equal(model.Commander, incident.CommanderId);
            }

            if (model.Archived)
            {
                Assert.Equal("TruePositive", (string?)@case["status"]);
                Assert.Equal(PageResolvedStep.Resolved, page.State);
            }

            // Each note accepted is stored once, and on the page exactly once when published (all of them once archived).
            foreach (var text in model.Notes)
            {
                var note = Assert.Single(notes, n => n.IncidentId == incident.Id && n.Text == text);
                if (model.Archived)
                {
                    Assert.True(note.PublishedAt is not null, $"{what}: note '{text}' was not published by the archive");
                }

                Assert.True(
                    Occurrences(page.Body, text) == (note.PublishedAt is null ? 0 : 1),
                    $"{what}: note '{text}' is on the page {Occurrences(page.Body, text)} times (published: {note.PublishedAt is not null})");
            }

            foreach (var synopsis in model.Updates)
            {
                var posts = world.Slack.Messages().Count(m => m.Channel == incident.ChannelId && m.Body.ToJsonString().Contains(synopsis, StringComparison.Ordinal));
                Assert.True(posts == 1, $"{what}: the update '{synopsis}' was posted {posts} times");
            }
        }

        foreach (var model in _tasks)
        {
            var task = tasks.Single(t => t.Title == model.Title);
            var issue = Assert.Single(world.Jira.Issues, i => i.Key == task.JiraKey);
            var resolved = model.Resolved || model.Incident.Archived;
            var status = resolved ? "Done" : model.Started ? "In Progress" : "To Do";
            Assert.True(status == issue.Status, $"{task.ShortId} ({model.Title}): Jira says {issue.Status}, expected {status}");
            Assert.Equal(resolved ? IncidentTaskStatus.Resolved : model.Started ? IncidentTaskStatus.InProgress : IncidentTaskStatus.Open, task.Status);
            foreach (var comment in model.JiraComments)
            {
                var times = issue.Comments.Count(c => c.Contains(comment, StringComparison.Ordinal));
                Assert.True(times == 1, $"{task.ShortId}: '{comment}' is in Jira {times} times");
            }

            if (model.Muted is { } muted && !model.Resolved)
            {
                Assert.Equal(muted, task.Muted);
            }
        }

        var lines = world.Sumo.Accepted();
        foreach (var (user, kind, channel) in _memberships)
        {
            // Exactly one event; its line at least once (a kill between Sumo's 200 and the bot marking the batch sent
            // sends it again, with the same event_id for Sumo searches to drop).
            var times = lines.Where(l => (string?)l["slack_user_id"] == user && (string?)l["event"] == kind && (string?)l["channel_id"] == channel)
                .Select(l => (string?)l["event_id"]).Distinct().Count();
            Assert.True(times == 1, $"Sumo has {times} '{kind}' events of {user}");
        }

        // A message posted "once" (tagged with metadata) is in Slack once.
        // An integration's failure report is tagged "once per quiet period", not once: those are checked for their spacing below.
        var tagged = world.Slack.Messages()
            .Where(m => m.Body["metadata"] is JsonObject && (string?)m.Body["metadata"]!["event_type"] != IntegrationErrors.MetadataEventType)
            .GroupBy(m => (m.Channel, Tag: m.Body["metadata"]!.ToJsonString()))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Channel}: {g.Key.Tag} ×{g.Count()}")
            .ToList();
        Assert.True(tagged.Count == 0, "tagged messages posted more than once:\n" + string.Join('\n', tagged));

        var reports = world.Slack.Messages()
            .Where(m => (string?)m.Body["metadata"]?["event_type"] == IntegrationErrors.MetadataEventType)
            .GroupBy(m => m.Body["metadata"]!.ToJsonString())
            .SelectMany(g => g.Zip(g.Skip(1), (a, b) => (Tag: g.Key, Apart: double.Parse(b.Ts, CultureInfo.InvariantCulture) - double.Parse(a.Ts, CultureInfo.InvariantCulture))))
            .Where(p => p.Apart < IntegrationErrors.Quiet.TotalSeconds)
            .Select(p => $"{p.Tag} again after {p.Apart:F0} s")
            .ToList();
        Assert.True(reports.Count == 0, "integration failures reported again within the quiet period:\n" + string.Join('\n', reports));

        // Every post a job may retry is tagged now (and found again after a lost answer), so the same untagged text twice
        // in one conversation, thread replies included, is a post repeated after a lost answer.
        var repeated = world.Slack.Messages()
            .Where(m => m.Body["metadata"] is null)
            .GroupBy(m => (m.Channel, Thread: (string?)m.Body["thread_ts"], Text: (string?)m.Body["text"]))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Channel}{(g.Key.Thread is null ? string.Empty : " thread " + g.Key.Thread)} ×{g.Count()}: {g.Key.Text?[..Math.Min(g.Key.Text.Length, 80)]}")
            .ToList();
        Assert.True(repeated.Count == 0, "untagged messages posted more than once (a lost answer, posted again):\n" + string.Join('\n', repeated));
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class ExpectedIncident(string title)
    {
        public string Title { get; } = title;
        public bool Archived { get; set; }
        public string? Commander { get; set; }
        public List<string> Notes { get; } = [];
        public List<string> Updates { get; } = [];
    }

    private sealed class ExpectedTask(string title, ExpectedIncident incident)
    {
        public string Title { get; } = title;
        public ExpectedIncident Incident { get; } = incident;
        public bool Started { get; set; }
        public bool Resolved { get; set; }
        public bool? Muted { get; set; }
        public List<string> JiraComments { get; } = [];
    }
}
