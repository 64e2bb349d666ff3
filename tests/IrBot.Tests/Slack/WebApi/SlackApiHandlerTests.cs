using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.Tests.Slack.WebApi;

public sealed class SlackApiHandlerTests : IDisposable
{
    private readonly CannedResponses _slack = new();
    private readonly List<HttpClient> _clients = [];

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _slack.Dispose();
    }

    private HttpClient Client(TimeProvider? time = null)
    {
        var handler = new SlackApiHandler(new FixedOptions<SlackOptions>(new SlackOptions { BotToken = "xoxb-test-token", SigningSecret = "s" }), time ?? TimeProvider.System, NullLogger<SlackApiHandler>.Instance)
        {
            InnerHandler = _slack,
        };
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("https://slack.com/api/") };
        _clients.Add(client);
        return client;
    }

    private static Task<HttpResponseMessage> PostMessage(HttpClient client) =>
        client.PostAsync(new Uri("chat.postMessage", UriKind.Relative), new StringContent("""{"channel":"C1","text":"hi"}""", Encoding.UTF8, "application/json"));

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage RateLimited(TimeSpan? retryAfter)
    {
        var response = Json("""{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests);
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter.Value);
        }

        return response;
    }

    [Fact]
    public async Task Requests_carry_the_bot_token_as_a_bearer_token()
    {
        _slack.Enqueue(Json("""{"ok":true}"""));

        using var response = await PostMessage(Client());

        var auth = Assert.Single(_slack.Authorizations);
        Assert.Equal("Bearer xoxb-test-token", auth);
    }

    [Fact]
    public async Task Ok_response_body_is_passed_through_unchanged()
    {
        const string body = """{"ok":true,"channel":"C1","ts":"1700000000.000100"}""";
        _slack.Enqueue(Json(body));

        using var response = await PostMessage(Client());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ok_false_with_http_200_throws_with_slacks_error_code_and_the_method()
    {
        _slack.Enqueue(Json("""{"ok":false,"error":"channel_not_found"}"""));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => PostMessage(Client()));

        Assert.Equal("channel_not_found", error.Error);
        Assert.Equal("chat.postMessage", error.Method);
        Assert.Single(_slack.Requests);
    }

    [Fact]
    public async Task Missing_scope_error_reports_the_needed_scope()
    {
        _slack.Enqueue(Json("""{"ok":false,"error":"missing_scope","needed":"channels:manage","provided":"chat:write"}"""));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => PostMessage(Client()));

        Assert.Equal("missing_scope", error.Error);
        Assert.Equal("channels:manage", error.Needed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Rate_limited_call_is_retried_after_Retry_After_and_succeeds(int seconds)
    {
        _slack.Enqueue(RateLimited(TimeSpan.FromSeconds(seconds)));
        _slack.Enqueue(Json("""{"ok":true,"ts":"1.2"}"""));
        var clock = new FakeTimeProvider();

        var call = PostMessage(Client(clock));
        if (seconds > 0)
        {
            await _slack.WaitForRequests(1);
            Assert.False(call.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(seconds));
        }

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _slack.Requests.Count);
        Assert.Equal("""{"channel":"C1","text":"hi"}""", _slack.Bodies[1]);
    }

    [Fact]
    public async Task Rate_limited_call_without_Retry_After_waits_one_second()
    {
        _slack.Enqueue(RateLimited(null));
        _slack.Enqueue(Json("""{"ok":true}"""));
        var clock = new FakeTimeProvider();

        var call = PostMessage(Client(clock));
        await _slack.WaitForRequests(1);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task Huge_Retry_After_is_capped_at_half_a_minute()
    {
        _slack.Enqueue(RateLimited(TimeSpan.FromHours(1)));
        _slack.Enqueue(Json("""{"ok":true}"""));
        var clock = new FakeTimeProvider();

        var call = PostMessage(Client(clock));
        await _slack.WaitForRequests(1);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        using var response = await call.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task Rate_limited_four_times_gives_up_with_ratelimited()
    {
        for (var i = 0; i < 4; i++)
        {
            _slack.Enqueue(RateLimited(TimeSpan.Zero));
        }

        var error = await Assert.ThrowsAsync<SlackApiException>(() => PostMessage(Client()));

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal("chat.postMessage", error.Method);
        Assert.Equal(4, _slack.Requests.Count);
    }

    [Fact]
    public async Task Http_server_error_throws_with_the_status_and_is_not_retried()
    {
        _slack.Enqueue(Json("upstream broke", HttpStatusCode.BadGateway));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => PostMessage(Client()));

        Assert.Equal("http_502", error.Error);
        Assert.Single(_slack.Requests);
    }

    [Fact]
    public async Task Non_json_200_body_throws_invalid_response()
    {
        _slack.Enqueue(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>oops</html>") });

        var error = await Assert.ThrowsAsync<SlackApiException>(() => PostMessage(Client()));

        Assert.Equal("invalid_response", error.Error);
    }

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    /// <summary>Plays back queued responses and records what was sent.</summary>
    private sealed class CannedResponses : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _responses = new();
        private readonly SemaphoreSlim _seen = new(0);

        public List<HttpRequestMessage> Requests { get; } = [];
        public List<string?> Authorizations { get; } = [];
        public List<string> Bodies { get; } = [];

        public void Enqueue(HttpResponseMessage response) => _responses.Enqueue(response);

        public async Task WaitForRequests(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _seen.WaitAsync(TimeSpan.FromSeconds(5)), "the handler never called Slack");
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            Authorizations.Add(request.Headers.Authorization?.ToString());
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            Assert.True(_responses.Count > 0, "unexpected extra request to Slack");
            var response = _responses.Dequeue();
            _seen.Release();
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _seen.Dispose();
                foreach (var response in _responses)
                {
                    response.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
