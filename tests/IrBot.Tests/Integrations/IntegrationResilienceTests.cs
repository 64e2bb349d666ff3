using System.Net;
using IrBot.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IrBot.Tests.Integrations;

/// <summary>The <c>Resilience:{System}</c> settings as a client uses them.</summary>
public sealed class IntegrationResilienceTests
{
    [Theory]
    [InlineData("0", 1)]
    [InlineData("2", 3)]
    public async Task Max_retries_counts_the_attempts_after_the_first_and_zero_sends_once(string maxRetries, int attempts)
    {
        var backend = new AlwaysUnavailable();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Resilience:Test:MaxRetries"] = maxRetries,
            ["Resilience:Test:BaseDelayMilliseconds"] = "1",
        }).Build());
        services.AddHttpClient("Test", c => c.BaseAddress = new Uri("http://backend.invalid"))
            .ConfigurePrimaryHttpMessageHandler(() => backend)
            .AddIntegrationResilience("Test", IntegrationClients.ShouldRetry);
        await using var provider = services.BuildServiceProvider();

        // Reading the options runs their validation (it throws on a setting it refuses).
        Assert.Equal(int.Parse(maxRetries, System.Globalization.CultureInfo.InvariantCulture), provider.GetRequiredService<IOptionsMonitor<IntegrationResilienceOptions>>().Get("Test").MaxRetries);
        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("Test").GetAsync(new Uri("/thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(attempts, backend.Calls);
    }

    private sealed class AlwaysUnavailable : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
