using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IrBot.TestSupport;

/// <summary>
/// Makes any of our WireMock fakes fail at random, the same way for every vendor: a mapping above the fake's own
/// ones takes a request with <see cref="Probability"/> and either fails it before anything happens (503, 429 with
/// Retry-After, a dropped connection) or lets the fake carry it out and then spoils the answer (slow, dropped, or
/// later than the caller waits). Rolls come from one seeded generator, so a seed replays the same dice (the order in
/// which concurrent requests take them still varies).
/// </summary>
public sealed class FailureInjector : IDisposable
{
    /// <summary>The title of the injector's mapping, on the log entries of the requests it answered itself.</summary>
    public const string MappingTitle = "failure-injector";

    // A request the injector passes on to the fake itself carries this header, so it is not rolled for again.
    private const string PassHeader = "X-Failure-Injector-Pass";
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly Random _random;
    private readonly HttpClient _pass = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<(string System, string Path, InjectedFailure Failure)> _injected = new();

    public FailureInjector(int seed) => _random = new Random(seed);

    /// <summary>
    /// The next <paramref name="times"/> calls to <paramref name="path"/> on <paramref name="server"/> are carried out and
    /// their answers lost (the connection reset after the fake acted): the lost-answer tests' one failure.
    /// </summary>
    public static FailureInjector LoseAnswers(WireMockServer server, int times = 1, string path = "/api/chat.postMessage", string system = "Slack")
    {
        var injector = new FailureInjector(seed: 1) { Probability = 1, Remaining = times };
        injector.Attach(server, system, [InjectedFailure.ResetAfterDoing], applies: p => p == path);
        return injector;
    }

    /// <summary>The chance that one request fails; 0 turns the injector off.</summary>
    public double Probability { get; set; }

    /// <summary>How many more failures to inject (null: no limit), for a test that wants exactly one.</summary>
    public int? Remaining { get; set; }

    /// <summary>Every failure injected so far, oldest first.</summary>
    public IReadOnlyList<(string System, string Path, InjectedFailure Failure)> Injected => _injected.ToList();

    /// <summary>
    /// Puts the injector in front of <paramref name="server"/>. <paramref name="failures"/> are the kinds this vendor may
    /// see; <paramref name="callerTimeout"/> is how long our client waits for one answer there (needed for
    /// <see cref="InjectedFailure.AnswerAfterTimeout"/>); <paramref name="applies"/> picks the paths worth failing.
    /// </summary>
    public void Attach(WireMockServer server, string system, IReadOnlyList<InjectedFailure> failures, TimeSpan? callerTimeout = null, Func<string, bool>? applies = null)
    {
        if (failures.Contains(InjectedFailure.AnswerAfterTimeout) && callerTimeout is null)
        {
            throw new ArgumentException("AnswerAfterTimeout needs the caller's timeout.", nameof(callerTimeout));
        }

        server.Given(Request.Create()
                .UsingAnyMethod()
                .WithPath(path => applies?.Invoke(path) ?? true)
                .WithHeader(headers => !headers.ContainsKey(PassHeader) && Roll()))
            .AtPriority(-1000)
            .WithTitle(MappingTitle)
            .RespondWith(Response.Create().WithCallback(request => FailAsync(server, system, request, Pick(failures), callerTimeout)));
    }

    private bool Roll()
    {
        lock (_random)
        {
            // WireMock asks every matcher of the mapping, so this roll may be for a path the injector leaves alone:
            // Remaining is counted down where a failure is really injected.
            return Remaining is not <= 0 && Probability > 0 && _random.NextDouble() < Probability;
        }
    }

    private InjectedFailure Pick(IReadOnlyList<InjectedFailure> failures)
    {
        lock (_random)
        {
            return failures[_random.Next(failures.Count)];
        }
    }

    private async Task<IResponseMessage> FailAsync(WireMockServer server, string system, IRequestMessage request, InjectedFailure failure, TimeSpan? callerTimeout)
    {
        lock (_random)
        {
            Remaining--;
        }

        _injected.Enqueue((system, request.Path, failure));
        switch (failure)
        {
            case InjectedFailure.ServiceUnavailable:
                return Answer(503, "{\"message\":\"Service Unavailable (injected)\"}");
            case InjectedFailure.RateLimited:
                var limited = Answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                limited.AddHeader("Retry-After", "1");
                return limited;
            case InjectedFailure.ResetBeforeDoing:
                return Dropped();
        }

        var answer = await PassOnAsync(server, request);
        switch (failure)
        {
            case InjectedFailure.SlowAnswer:
                await Task.Delay(TimeSpan.FromMilliseconds(300 + NextInt(900)));
                return answer;
            case InjectedFailure.ResetAfterDoing:
                return Dropped();
            default:
                await Task.Delay(callerTimeout!.Value + TimeSpan.FromMilliseconds(500));
                return answer;
        }
    }

    private int NextInt(int max)
    {
        lock (_random)
        {
            return _random.Next(max);
        }
    }

    /// <summary>The fake carries the request out as if the injector were not there.</summary>
    private async Task<ResponseMessage> PassOnAsync(WireMockServer server, IRequestMessage request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), server.Url + request.Path + QueryOf(request));
        var body = request.BodyAsBytes ?? (request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body));
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        message.Headers.Add(PassHeader, "1");
        using var response = await _pass.SendAsync(message);
        var answer = new ResponseMessage
        {
            StatusCode = (int)response.StatusCode,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
            BodyData = new BodyData { BodyAsString = await response.Content.ReadAsStringAsync(), DetectedBodyType = BodyType.String },
        };
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(header.Key))
            {
                answer.AddHeader(header.Key, header.Value.ToArray());
            }
        }

        return answer;
    }

    private static string QueryOf(IRequestMessage request)
    {
        var query = request.RawQuery;
        return string.IsNullOrEmpty(query) ? string.Empty : query.StartsWith('?') ? query : "?" + query;
    }

    /// <summary>
    /// The connection drops in the middle of the answer. WireMock has no such fault (its faults are answers with a
    /// garbled body), so the answer starts and then changes its length once it cannot any more: the server gives up
    /// on the connection and the caller gets a network error, not an answer.
    /// </summary>
    private static ResponseMessage Dropped()
    {
        var dropped = Answer(200, "{\"ok\":");
        dropped.AddTrailingHeader("Content-Length", "4096");
        return dropped;
    }

    private static ResponseMessage Answer(int status, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
        };
        message.AddHeader("Content-Type", "application/json; charset=utf-8");
        return message;
    }

    public void Dispose() => _pass.Dispose();

    public override string ToString() =>
        string.Join(", ", Injected.GroupBy(i => (i.System, i.Failure)).OrderBy(g => g.Key.System, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.System} {g.Key.Failure} ×{g.Count()}")));
}
