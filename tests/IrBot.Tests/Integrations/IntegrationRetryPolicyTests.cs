using System.Net;
using IrBot.Integrations;
using Polly;
using Polly.Timeout;

namespace IrBot.Tests.Integrations;

/// <summary>Which failures of an external system are retried, and which are left to a look-up.</summary>
public sealed class IntegrationRetryPolicyTests
{
    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Reads_and_updates_are_retried_on_transient_answers(HttpStatusCode status) =>
        Assert.True(IntegrationClients.ShouldRetry(Answer(status), HttpMethod.Get) && IntegrationClients.ShouldRetry(Answer(status), HttpMethod.Put));

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Other_errors_are_never_retried(HttpStatusCode status)
    {
        Assert.False(IntegrationClients.ShouldRetry(Answer(status), HttpMethod.Get));
        Assert.False(IntegrationClients.ShouldRetry(Answer(status), HttpMethod.Post));
    }

    [Fact]
    public void Network_errors_and_timeouts_are_retried_for_reads_but_not_for_creates()
    {
        var timeout = Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException());
        var broken = Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection reset"));

        Assert.True(IntegrationClients.ShouldRetry(timeout, HttpMethod.Get));
        Assert.True(IntegrationClients.ShouldRetry(broken, HttpMethod.Get));
        Assert.False(IntegrationClients.ShouldRetry(timeout, HttpMethod.Post));
        Assert.False(IntegrationClients.ShouldRetry(broken, HttpMethod.Post));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    [InlineData(HttpStatusCode.GatewayTimeout, false)]
    public void A_create_is_retried_only_when_the_system_said_it_did_not_do_it(HttpStatusCode status, bool retried) =>
        Assert.Equal(retried, IntegrationClients.ShouldRetry(Answer(status), HttpMethod.Post));

    private static Outcome<HttpResponseMessage> Answer(HttpStatusCode status) =>
        Outcome.FromResult(new HttpResponseMessage(status));
}
