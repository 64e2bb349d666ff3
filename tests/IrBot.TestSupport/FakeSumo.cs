using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IrBot.TestSupport;

/// <summary>
/// A Sumo Logic HTTP Logs source: POST /receiver/v1/http/{code} answers 200 with an empty body, as Sumo
/// does. <see cref="Accepted"/> is what Sumo would have ingested (bodies answered 200 only).
/// </summary>
public sealed class FakeSumo : IDisposable
{
    public const string Code = "ZaVnC4dhaV2ZZ_test_collector_code";

    private FakeSumo(WireMockServer server)
    {
        Server = server;
        Server.Given(Request.Create().WithPath("/receiver/v1/http/" + Code).UsingPost())
            .AtPriority(1000)
            .RespondWith(Response.Create().WithStatusCode(200));
    }

    public WireMockServer Server { get; }
    public string CollectorUrl => $"{Server.Url}/receiver/v1/http/{Code}";

    public static FakeSumo Start() => new(WireMockServer.Start());

    /// <summary>The next <paramref name="times"/> posts answer this status (e.g. 429: the data is dropped).</summary>
    public void FailNext(int status, int times = 1)
    {
        Server.Given(Request.Create().WithPath("/receiver/v1/http/" + Code).UsingPost())
            .AtPriority(1)
            .InScenario("failures")
            .WillSetStateTo("failed", times)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "0"));
    }

    /// <summary>Bodies of every post, with the status Sumo answered (not those a <see cref="FailureInjector"/> answered in its place).</summary>
    public IReadOnlyList<(int Status, string Body)> Posts() =>
        Server.LogEntries
            .Where(e => e.RequestMessage?.Path?.StartsWith("/receiver/v1/http/", StringComparison.Ordinal) == true && e.MappingTitle != FailureInjector.MappingTitle)
            .OrderBy(e => e.RequestMessage!.DateTime)
            .Select(e => (Convert.ToInt32(e.ResponseMessage?.StatusCode ?? 0, System.Globalization.CultureInfo.InvariantCulture), e.RequestMessage!.Body ?? string.Empty))
            .ToList();

    /// <summary>Every line Sumo accepted, parsed.</summary>
    public IReadOnlyList<JsonObject> Accepted() =>
        Posts().Where(p => p.Status == 200)
            .SelectMany(p => p.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();

    public void Dispose() => Server.Stop();
}
