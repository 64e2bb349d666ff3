using System.Text.Json.Nodes;
using IrBot.Slack.WebApi;
using IrBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.IntegrationTests.SlackIntake;

/// <summary>
/// conversations.replies through our Slack client against the fake, shaped as Slack answers it (the parent, then its
/// replies, oldest first, in pages with a cursor) and refusing what Slack refuses; and the tagged lookup of a thread reply.
/// </summary>
public sealed class ThreadRepliesTests : IDisposable
{
    private const string Dm = "DREPLIES01";
    private readonly FakeSlack _slack = FakeSlack.Start();
    private readonly ServiceProvider _services;

    public ThreadRepliesTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slack:SigningSecret"] = IrBotApp.SigningSecret,
                ["Slack:BotToken"] = IrBotApp.BotToken,
                ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSlackWebApi(configuration);
        _services = services.BuildServiceProvider();
    }

    private ISlackConversationsApi Conversations => _services.GetRequiredService<ISlackConversationsApi>();

    [Fact]
    public async Task A_thread_reads_parent_first_then_replies_page_by_page_until_the_cursor_runs_out()
    {
        var parent = _slack.AddMessage(Dm, IrBotApp.BotUserId, "The task card");
        var replies = Enumerable.Range(1, 5).Select(i => _slack.AddMessage(Dm, IrBotApp.BotUserId, $"Reply {i}", threadTs: parent)).ToList();
        _slack.AddMessage(Dm, IrBotApp.BotUserId, "Another message, not in the thread");

        var seen = new List<string?>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Conversations.RepliesAsync(new ReadConversationReplies { Channel = Dm, Ts = parent, Limit = 2, Cursor = cursor });
            seen.AddRange(page.Messages!.Select(m => m.Ts));
            Assert.All(page.Messages!, m => Assert.Equal(parent, m.ThreadTs));
            cursor = page.ResponseMetadata?.NextCursor;
            pages++;
        }
        while (!string.IsNullOrEmpty(cursor));

        Assert.Equal([parent, .. replies], seen);
        Assert.Equal(3, pages);
        // History shows the channel's own messages only, as Slack's does.
        var history = await Conversations.HistoryAsync(new ReadConversationHistory { Channel = Dm });
        Assert.DoesNotContain(history.Messages!, m => replies.Contains(m.Ts!));
    }

    [Fact]
    public async Task Replies_are_refused_without_a_channel_without_or_with_an_unknown_ts_with_a_made_up_cursor_and_outside_the_channel()
    {
        var parent = _slack.AddMessage(Dm, IrBotApp.BotUserId, "The task card");
        _slack.AddChannel("CNOTMINE01", "not-mine");

        async Task<string?> ErrorOf(string channel, string ts, string? cursor = null) =>
            (await Assert.ThrowsAsync<SlackApiException>(() => Conversations.RepliesAsync(new ReadConversationReplies { Channel = channel, Ts = ts, Cursor = cursor }))).Error;

        Assert.Equal("channel_not_found", await ErrorOf(string.Empty, parent));
        Assert.Equal("thread_not_found", await ErrorOf(Dm, string.Empty));
        Assert.Equal("thread_not_found", await ErrorOf(Dm, "1700000000.000001"));
        Assert.Equal("invalid_cursor", await ErrorOf(Dm, parent, "bm90IGEgY3Vyc29y"));
        Assert.Equal("not_in_channel", await ErrorOf("CNOTMINE01", parent));
    }

    [Fact]
    public async Task A_tagged_reply_is_found_in_its_thread_beyond_the_first_page_and_not_posted_again()
    {
        var parent = _slack.AddMessage(Dm, IrBotApp.BotUserId, "The task card");
        var tag = new MessageMetadata { EventType = "irbot_task_reply", EventPayload = new Dictionary<string, string> { ["incident_id"] = "7", ["occasion"] = "task-3-unassigned" } };
        foreach (var i in Enumerable.Range(1, TaggedPost.ThreadPage + 10))
        {
            _slack.AddMessage(Dm, IrBotApp.BotUserId, $"Reply {i}", threadTs: parent);
        }

        var tagged = _slack.AddMessage(Dm, IrBotApp.BotUserId, "You are unassigned", threadTs: parent, metadata: Metadata(tag));
        // The same tag outside the thread is not this reply.
        _slack.AddMessage(Dm, IrBotApp.BotUserId, "You are unassigned", metadata: Metadata(tag));
        var chat = _services.GetRequiredService<ISlackChatApi>();

        var result = await TaggedPost.PostOnceAsync(chat, Conversations, new ChatMessage { Channel = Dm, ThreadTs = parent, Text = "You are unassigned" }, tag, CancellationToken.None);

        Assert.Equal((tagged, true), (result.Ts, result.Found));
        Assert.Empty(_slack.Calls("chat.postMessage"));
        Assert.Equal(2, _slack.Calls("conversations.replies").Count);
        Assert.Empty(_slack.Calls("conversations.history"));
    }

    private static JsonObject Metadata(MessageMetadata tag) => new()
    {
        ["event_type"] = tag.EventType,
        ["event_payload"] = new JsonObject(tag.EventPayload.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)).ToArray()),
    };

    public void Dispose()
    {
        _services.Dispose();
        _slack.Dispose();
    }
}
