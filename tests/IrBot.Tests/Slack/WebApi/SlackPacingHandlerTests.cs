using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.Tests.Slack.WebApi;

/// <summary>Pacing to Slack's published limits, on a fake clock: what goes out now and what waits for a later second.</summary>
public sealed class SlackPacingHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingSlack _slack = new();
    private readonly HttpClient _client;

    public SlackPacingHandlerTests()
    {
        _client = Client(pacing: true);
    }

    public void Dispose()
    {
        _client.Dispose();
        _slack.Dispose();
    }

    private HttpClient Client(bool pacing)
    {
        var options = new FixedOptions(new SlackOptions { BotToken = "xoxb-test", SigningSecret = "s", Pacing = pacing });
        var handler = new SlackPacingHandler(new SlackRateLimits(_time), options, _time) { InnerHandler = _slack };
        return new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("https://slack.com/api/") };
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string channel) =>
        client.PostAsync(new Uri("chat.postMessage", UriKind.Relative), new StringContent($$"""{"channel":"{{channel}}","text":"reminder"}""", Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> Call(HttpClient client, string method) =>
        client.PostAsync(new Uri(method, UriKind.Relative), new FormUrlEncodedContent([new("channel", "C1")]));

    [Fact]
    public async Task Posts_to_one_channel_beyond_a_short_burst_go_out_one_a_second()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Post(_client, "D1")).Dispose();
        }

        var fourth = Post(_client, "D1");
        var fifth = Post(_client, "D1");

        Assert.Equal(3, _slack.Sent.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await fourth).Dispose();
        Assert.Equal(4, _slack.Sent.Count);
        Assert.False(fifth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await fifth).Dispose();
        Assert.Equal(5, _slack.Sent.Count);
    }

    [Fact]
    public async Task A_busy_channel_does_not_hold_back_posts_to_others()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Post(_client, "D1")).Dispose();
        }

        var waiting = Post(_client, "D1");
        (await Post(_client, "D2")).Dispose();

        Assert.Equal(["D1", "D1", "D1", "D2"], _slack.Sent.Select(s => s.Channel));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await waiting).Dispose();
    }

    [Fact]
    public async Task Posts_waiting_for_a_busy_channel_leave_the_workspace_pace_to_the_other_channels()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Post(_client, "D1")).Dispose();
        }

        var waiting = Enumerable.Range(0, 10).Select(_ => Post(_client, "D1")).ToList();
        for (var i = 0; i < 27; i++)
        {
            (await Post(_client, "C" + i)).Dispose();
        }

        // The workspace's burst of 30 goes to the three first posts and the 27 to other channels; none waits.
        Assert.Equal(30, _slack.Sent.Count);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        _time.Advance(TimeSpan.FromSeconds(1));
        (await waiting[0]).Dispose();
        Assert.Equal(31, _slack.Sent.Count);
    }

    [Fact]
    public async Task A_tier_2_method_allows_a_burst_of_three_then_one_call_every_three_seconds()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Call(_client, "users.list")).Dispose();
        }

        var fourth = Call(_client, "users.list");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await fourth).Dispose();
        Assert.Equal(4, _slack.Sent.Count);
    }

    [Fact]
    public async Task A_429_holds_the_method_back_for_its_retry_after_so_the_next_caller_does_not_meet_it_again()
    {
        _slack.RateLimitNext(TimeSpan.FromSeconds(5));
        using (var limited = await Call(_client, "conversations.info"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        var next = Call(_client, "conversations.info");
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(next.IsCompleted);
        Assert.Single(_slack.Sent);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var answered = await next;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task The_channel_is_read_from_a_form_body_too()
    {
        var form = () => _client.PostAsync(new Uri("chat.postMessage", UriKind.Relative), new FormUrlEncodedContent([new("channel", "C9"), new("text", "hi")]));
        for (var i = 0; i < 3; i++)
        {
            (await form()).Dispose();
        }

        var fourth = form();

        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await fourth).Dispose();
    }

    [Fact]
    public async Task With_pacing_off_every_call_goes_out_at_once()
    {
        using var client = Client(pacing: false);
        for (var i = 0; i < 10; i++)
        {
            (await Post(client, "D1")).Dispose();
        }

        Assert.Equal(10, _slack.Sent.Count);
    }

    [Fact]
    public void Channels_posted_to_long_ago_are_forgotten_so_memory_stays_flat()
    {
        var limits = new SlackRateLimits(_time);
        for (var i = 0; i < 20_000; i++)
        {
            limits.Reserve("chat.postMessage/D" + i, SlackRateLimits.PostPerChannel);
            if (i % 100 == 99)
            {
                _time.Advance(TimeSpan.FromSeconds(2));
            }
        }

        Assert.InRange(limits.Tracked, 1, 700);
    }

    private sealed class FixedOptions(SlackOptions value) : IOptionsMonitor<SlackOptions>
    {
        public SlackOptions CurrentValue => value;
        public SlackOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<SlackOptions, string?> listener) => null;
    }

    /// <summary>Slack's side: answers ok (or one 429), recording the method and channel of what reached it.</summary>
    private sealed class RecordingSlack : HttpMessageHandler
    {
        private TimeSpan? _rateLimit;

        public List<(string Method, string? Channel)> Sent { get; } = [];

        public void RateLimitNext(TimeSpan retryAfter) => _rateLimit = retryAfter;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var channel = body.Contains("D1", StringComparison.Ordinal) ? "D1" : body.Contains("D2", StringComparison.Ordinal) ? "D2" : null;
            lock (Sent)
            {
                Sent.Add((request.RequestUri!.Segments[^1], channel));
            }

            if (_rateLimit is { } retryAfter)
            {
                _rateLimit = null;
                var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"ok":false,"error":"ratelimited"}""") };
                limited.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
                return limited;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""") };
        }
    }
}
