using System.Net;
using System.Text;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Chaos;

/// <summary>The injected failures are what a client really sees, and the "after doing" ones really did the work.</summary>
public sealed class FailureInjectorTests : IDisposable
{
    private readonly FakeSumo _sumo = FakeSumo.Start();
    private readonly FailureInjector _injector = new(seed: 7) { Probability = 1 };
    // Long enough for a busy machine to answer in time; the too-late answer comes after it all the same.
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_reset_before_doing_is_a_network_error_and_nothing_is_done()
    {
        _injector.Attach(_sumo.Server, "Sumo", [InjectedFailure.ResetBeforeDoing]);

        await Assert.ThrowsAnyAsync<HttpRequestException>(PostAsync);

        Assert.Empty(_sumo.Accepted());
    }

    [Fact]
    public async Task A_reset_after_doing_is_a_network_error_although_the_work_was_done()
    {
        _injector.Attach(_sumo.Server, "Sumo", [InjectedFailure.ResetAfterDoing]);

        await Assert.ThrowsAnyAsync<HttpRequestException>(PostAsync);

        Assert.Single(_sumo.Accepted());
    }

    [Fact]
    public async Task An_answer_after_the_timeout_times_the_caller_out_although_the_work_was_done()
    {
        _injector.Attach(_sumo.Server, "Sumo", [InjectedFailure.AnswerAfterTimeout], callerTimeout: _client.Timeout);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(PostAsync);

        await IrBotApp.WaitUntilAsync(() => _sumo.Accepted().Count == 1, "Sumo took the line");
    }

    [Fact]
    public async Task A_rate_limit_says_when_to_come_back_and_nothing_is_done()
    {
        _injector.Attach(_sumo.Server, "Sumo", [InjectedFailure.RateLimited]);

        using var response = await PostAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Empty(_sumo.Accepted());
    }

    [Fact]
    public async Task Turned_off_it_lets_every_request_through()
    {
        _injector.Attach(_sumo.Server, "Sumo", [InjectedFailure.ServiceUnavailable]);
        _injector.Probability = 0;

        using var response = await PostAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_sumo.Accepted());
        Assert.Empty(_injector.Injected);
    }

    private Task<HttpResponseMessage> PostAsync() =>
        _client.PostAsync(_sumo.CollectorUrl, new StringContent("{\"event\":\"enter\"}\n", Encoding.UTF8, "application/json"));

    public void Dispose()
    {
        _client.Dispose();
        _injector.Dispose();
        _sumo.Dispose();
    }
}
