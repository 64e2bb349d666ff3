using IrBot.Integrations.SumoLogic;
using IrBot.TestSupport;
using IrBot.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

public sealed class SumoLogicTests : IAsyncLifetime
{
    private readonly FakeSumo _sumo = FakeSumo.Start();
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await IrBotApp.StartAsync(new Dictionary<string, string?>
        {
            ["SumoLogic:CollectorUrl"] = _sumo.CollectorUrl,
            ["SumoLogic:BatchBytes"] = "1024",
            ["SumoLogic:FlushSeconds"] = "1",
            ["SumoLogic:MaxBackoffSeconds"] = "1",
            ["Resilience:SumoLogic:BaseDelayMilliseconds"] = "10",
        });
        _app.Slack.AddUser(Guest, "Grace Guest", email: "grace@example.com");
        await AddIncidentAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _sumo.Dispose();
    }

    [Fact]
    public async Task Joins_and_leaves_reach_sumo_as_one_json_object_per_line_with_the_timestamp_first()
    {
        await _app.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvS1"));
        await _app.WaitForIdleAsync();
        await _app.SendEventAsync(Left(Guest, "EvS2"));
        await WaitUntilAllSentAsync(2);

        var lines = _sumo.Accepted();
        Assert.Equal(["enter", "leave"], lines.Select(l => (string?)l["event"]));
        var enter = lines[0];
        Assert.Equal("timestamp", enter.First().Key);
        Assert.EndsWith("Z", (string?)enter["timestamp"], StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse((string?)enter["timestamp"], System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(Guest, (string?)enter["slack_user_id"]);
        Assert.Equal("grace@example.com", (string?)enter["email"]);
        Assert.Equal("Grace Guest", (string?)enter["name"]);
        Assert.Equal(Channel, (string?)enter["channel_id"]);
        Assert.Equal("ir-20261125-1", (string?)enter["channel"]);
        Assert.Equal(1, (int?)enter["incident"]);
        Assert.All(_sumo.Posts(), p => Assert.EndsWith("\n", p.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_events_go_in_batches_within_the_size_limit_each_exactly_once()
    {
        await StoreEventsAsync(12);

        await WaitUntilAllSentAsync(12);

        var posts = _sumo.Posts();
        Assert.True(posts.Count >= 2, $"expected several batches, got {posts.Count}");
        Assert.All(posts, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p.Body) <= 1024));
        var users = _sumo.Accepted().Select(l => (string?)l["slack_user_id"]).ToList();
        Assert.Equal(12, users.Count);
        Assert.Equal(12, users.Distinct().Count());
    }

    [Fact]
    public async Task A_429_drops_the_batch_at_sumo_so_it_is_sent_again_and_ingested_once()
    {
        _sumo.FailNext(429);
        await StoreEventsAsync(3);

        await WaitUntilAllSentAsync(3);

        var posts = _sumo.Posts();
        Assert.Equal(429, posts[0].Status);
        Assert.Equal(200, posts[^1].Status);
        var users = _sumo.Accepted().Select(l => (string?)l["slack_user_id"]).ToList();
        Assert.Equal(3, users.Count);
        Assert.Equal(3, users.Distinct().Count());

        // A later flush finds nothing pending and sends nothing more.
        await _app.Services.GetRequiredService<SumoLogicSender>().FlushAsync(CancellationToken.None);
        Assert.Equal(posts.Count, _sumo.Posts().Count);
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_event_once()
    {
        await using var second = await IrBotApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["SumoLogic:CollectorUrl"] = _sumo.CollectorUrl,
                ["SumoLogic:BatchBytes"] = "1024",
                ["SumoLogic:FlushSeconds"] = "1",
                ["Resilience:SumoLogic:BaseDelayMilliseconds"] = "10",
            },
            connectionString: _app.ConnectionString,
            slack: _app.Slack);

        await StoreEventsAsync(20);
        second.Services.GetRequiredService<SumoLogicSender>().Notify();

        await WaitUntilAllSentAsync(20);
        var users = _sumo.Accepted().Select(l => (string?)l["slack_user_id"]).ToList();
        Assert.Equal(20, users.Count);
        Assert.Equal(20, users.Distinct().Count());
    }

    [Fact]
    public async Task Nothing_is_sent_while_another_sender_holds_the_lock_and_everything_is_sent_after()
    {
        await using var other = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await other.OpenAsync();
        var transaction = await other.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({SumoLogicSender.SenderLockKey})", other, transaction))
        {
            await take.ExecuteScalarAsync();
        }

        await StoreEventsAsync(2);
        await _app.Services.GetRequiredService<SumoLogicSender>().FlushAsync(CancellationToken.None);
        Assert.Empty(_sumo.Posts());

        await transaction.RollbackAsync();
        await WaitUntilAllSentAsync(2);
        Assert.Equal(2, _sumo.Accepted().Count);
    }

    private async Task StoreEventsAsync(int count)
    {
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            for (var i = 0; i < count; i++)
            {
                db.MembershipEvents.Add(new MembershipEvent
                {
                    IncidentId = incident.Id,
                    UserId = $"UPERSON{i:D3}",
                    Kind = i % 2 == 0 ? MembershipKind.Joined : MembershipKind.Left,
                    OccurredAt = DateTime.UtcNow,
                    SlackEventId = $"EvBATCH{i}",
                });
            }

            await db.SaveChangesAsync();
        }

        _app.Services.GetRequiredService<SumoLogicSender>().Notify();
    }

    private Task WaitUntilAllSentAsync(int count) =>
        IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = _app.Db();
                return await db.MembershipEvents.CountAsync(m => m.SentToSumoAt != null) == count;
            },
            $"{count} events are marked sent to Sumo Logic");
}
