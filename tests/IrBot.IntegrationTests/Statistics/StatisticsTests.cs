using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.IntegrationTests.Incidents;
using IrBot.IntegrationTests.Tasks;
using IrBot.Statistics;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.IntegrationTests.Statistics;

/// <summary>
/// Four incidents opened, acknowledged (first commander) and archived through the real commands at times set
/// by a fake clock (requests are signed with it too), so MTTA and MTTR are known to the second.
/// </summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    private const string Commander = "UCMDR00001";
    private const string WorkspaceAdmin = "UADMIN0001";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private IrBotApp _app = null!;
    private DateTimeOffset _t0;

    public async Task InitializeAsync()
    {
        _app = await IrBotApp.StartAsync(
            settings: new Dictionary<string, string?> { ["Schedules:TaskReminders"] = "0 0 0 1 1 ? 2099" },
            services: s => s.AddSingleton<TimeProvider>(_clock));
        _app.SigningClock = _clock;
        _t0 = _clock.GetUtcNow();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Stats_give_the_exact_mean_median_and_p90_and_count_the_unacknowledged_and_the_open()
    {
        await ArrangeFourIncidentsAsync();

        var answer = await StatsAsync("stats");

        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        var text = BlockText(answer);
        // MTTA over 10, 20 and 30 min; MTTR over 2 h and 4 h (percentile_cont: p90 of three = 20 + 0.8 × 10 min).
        Assert.Contains("*IR Bot incidents*: 4 · still open 2 · not acknowledged 1", text, StringComparison.Ordinal);
        Assert.Contains("*MTTA* mean 20 m · median 20 m · p90 28 m (of 3)", text, StringComparison.Ordinal);
        Assert.Contains("*MTTR* mean 3 h 00 m · median 3 h 00 m · p90 3 h 48 m (of 2)", text, StringComparison.Ordinal);
        Assert.Contains("*Definitions.*", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_dms_a_csv_whose_rows_match_the_figures()
    {
        await ArrangeFourIncidentsAsync();

        var reply = await StatsAsync("stats export");
        Assert.Contains("direct message", (string?)reply["text"], StringComparison.Ordinal);
        await IrBotApp.WaitUntilAsync(() => _app.Slack.SharedFiles().Count == 1, "the CSV is shared");

        var file = Assert.Single(_app.Slack.SharedFiles());
        Assert.Equal("D" + IrBotApp.IrMember, file.SharedTo);
        var lines = file.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StatisticsCsv.Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["incident 1", "incident 2", "incident 3", "incident 4"], rows.Select(r => r[1]));
        Assert.Equal(["600", "1200", "1800", string.Empty], rows.Select(r => r[6]));
        Assert.Equal(["7200", "14400", string.Empty, string.Empty], rows.Select(r => r[7]));
        // The same figures as the answer: the mean of the acknowledged ones is 20 minutes.
        Assert.Equal(1200, rows.Where(r => r[6].Length > 0).Average(r => double.Parse(r[6], CultureInfo.InvariantCulture)));
        Assert.Contains("mean 20 m", file.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_is_confirmed_in_a_modal_then_counts_from_that_moment_and_says_who_and_since_when()
    {
        await ArrangeFourIncidentsAsync();

        var none = await StatsAsync("stats reset");
        Assert.Equal(string.Empty, (string?)none["text"] ?? string.Empty);
        var modal = Assert.Single(_app.Slack.Calls("views.open")).Json["view"]!;
        Assert.Equal(ResetStatisticsModal.CallbackId, (string?)modal["callback_id"]);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var submitted = await _app.SendInteractionAsync(TaskPayloads.ViewSubmission(ResetStatisticsModal.CallbackId, IrBotApp.IrMember, (string)modal["private_metadata"]!));
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());
        await _app.WaitForIdleAsync();

        var told = _app.Slack.ResponseUrlPosts()[^1];
        Assert.Contains($"Statistics reset by <@{IrBotApp.IrMember}>: they count from", (string?)told.Json["text"], StringComparison.Ordinal);

        var after = BlockText(await StatsAsync("stats"));
        Assert.Contains("*IR Bot incidents*: 0 · still open 0 · not acknowledged 0", after, StringComparison.Ordinal);
        Assert.Contains($"statistics reset by <@{IrBotApp.IrMember}>", after, StringComparison.Ordinal);

        // Nothing was deleted: every incident is still there, and "all" still sees none before the reset.
        await using var db = _app.Db();
        Assert.Equal(4, await db.Incidents.CountAsync());
        var reset = Assert.Single(await db.StatisticsResets.ToListAsync());
        Assert.Equal(IrBotApp.IrMember, reset.ResetBy);
    }

    [Fact]
    public async Task Outsiders_cannot_reset_or_read_the_statistics_but_workspace_admins_can()
    {
        foreach (var command in new[] { "stats reset", "reset-stats" })
        {
            var refused = await StatsAsync(command, IrBotApp.Outsider);
            Assert.Equal(ResetStatisticsModal.Refusal, (string?)refused["text"]);
        }

        Assert.Contains("Only Slack workspace admins", (string?)(await StatsAsync("stats", IrBotApp.Outsider))["text"], StringComparison.Ordinal);
        Assert.Contains("Only Slack workspace admins", (string?)(await StatsAsync("stats export", IrBotApp.Outsider))["text"], StringComparison.Ordinal);
        Assert.Empty(_app.Slack.Calls("views.open"));

        // A forged submission of the modal by an outsider changes nothing, and the modal says so rather than just closing.
        var forged = await _app.SendInteractionAsync(TaskPayloads.ViewSubmission(ResetStatisticsModal.CallbackId, IrBotApp.Outsider, "{}"));
        var answer = JsonNode.Parse(await forged.Content.ReadAsStringAsync())!;
        Assert.Equal("update", (string?)answer["response_action"]);
        Assert.Null(answer["view"]!["submit"]);
        Assert.Equal(ResetStatisticsModal.Refusal + " Nothing was reset.", (string?)answer["view"]!["blocks"]![0]!["text"]!["text"]);
        await _app.WaitForIdleAsync();
        await using (var db = _app.Db())
        {
            Assert.False(await db.StatisticsResets.AnyAsync());
        }

        _app.Slack.AddUser(WorkspaceAdmin, "Ada Admin", isAdmin: true);
        await StatsAsync("reset-stats", WorkspaceAdmin);
        Assert.Single(_app.Slack.Calls("views.open"));
    }

    [Theory]
    [InlineData("stats 0d")]
    [InlineData("stats lastweek")]
    [InlineData("stats 30d all")]
    public async Task A_period_other_than_Nd_or_all_gets_the_usage(string command)
    {
        var reply = await StatsAsync(command);

        Assert.StartsWith("Usage:", (string?)reply["text"], StringComparison.Ordinal);
    }

    /// <summary>
    /// #1 opened at 0, commander at 10 min, archived at 2 h; #2 opened at 1 h, commander at +20 min, archived at
    /// +4 h; #3 opened at 2 h, commander at +30 min, still open; #4 opened at 3 h, nobody acknowledged it.
    /// </summary>
    private async Task ArrangeFourIncidentsAsync()
    {
        await OpenAtAsync(0, "Phishing wave", 1);
        await CommanderAtAsync(10, 1);
        await OpenAtAsync(60, "Stolen laptop", 2);
        await CommanderAtAsync(80, 2);
        await OpenAtAsync(120, "Malware on a server", 3);
        await ArchiveAtAsync(120, 1);
        await CommanderAtAsync(150, 3);
        await OpenAtAsync(180, "Leaked token", 4);
        await ArchiveAtAsync(300, 2);
    }

    private void At(int minutes)
    {
        var target = _t0.AddMinutes(minutes);
        if (target > _clock.GetUtcNow())
        {
            _clock.SetUtcNow(target);
        }
    }

    private async Task OpenAtAsync(int minutes, string title, int number)
    {
        At(minutes);
        await _app.SendCommandAsync("incident " + title);
        await IncidentIntegrations.WaitForAsync(_app, number, i => i.Status == IncidentStatus.Active, $"incident {number} is active");
        await _app.WaitForIdleAsync();
    }

    private async Task CommanderAtAsync(int minutes, int number)
    {
        At(minutes);
        var incident = await IncidentIntegrations.WaitForAsync(_app, number, _ => true, "the incident");
        var reply = await _app.SendCommandAsync($"ic <@{Commander}>", IrBotApp.IrMember, incident.ChannelId!);
        reply.EnsureSuccessStatusCode();
        await IncidentIntegrations.WaitForAsync(_app, number, i => i.AcknowledgedAt is not null, $"incident {number} is acknowledged");
    }

    private async Task ArchiveAtAsync(int minutes, int number)
    {
        At(minutes);
        var incident = await IncidentIntegrations.WaitForAsync(_app, number, _ => true, "the incident");
        var submitted = await _app.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "stats", "Done."));
        submitted.EnsureSuccessStatusCode();
        await IncidentIntegrations.WaitForAsync(_app, number, i => i.Status == IncidentStatus.Closed, $"incident {number} is closed");
        await _app.WaitForIdleAsync();
    }

    /// <summary>Every text of the answer's blocks (sections and context elements), one per line.</summary>
    internal static string BlockText(JsonNode answer) =>
        string.Join('\n', answer["blocks"]!.AsArray().SelectMany(b => b!["elements"] is JsonArray e ? e.Select(x => (string?)x!["text"]) : [(string?)b!["text"]?["text"]]));

    private async Task<JsonNode> StatsAsync(string text, string userId = IrBotApp.IrMember)
    {
        var response = await _app.SendCommandAsync(text, userId);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }
}
