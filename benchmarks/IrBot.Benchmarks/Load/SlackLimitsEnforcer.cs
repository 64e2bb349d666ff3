using System.Collections.Concurrent;
using System.Text.Json;
using IrBot.Slack.WebApi;
using WireMock;

/// <summary>
/// The Slack stand-in's rate limits (plugged into <c>FakeSlack.RateLimiter</c>): what Slack publishes, enforced on the
/// stand-in's own clock as each call arrives. <c>chat.postMessage</c>: one a second per channel with a burst of
/// three, and 300 a minute per workspace with a burst of 30 ("several hundred"); every other method its tier
/// (Tier 2 20/min, Tier 3 50/min, Tier 4 100/min, as <see cref="SlackRateLimits.ForMethod"/> lists them). A call over a
/// limit is refused with 429 and the <c>Retry-After</c> until it would be allowed, and not counted.
/// </summary>
/// <remarks>
/// Each limit is a token bucket kept as a theoretical arrival time (GCRA), written here again rather than borrowed from
/// IR Bot's pacing. A call may arrive <see cref="Grace"/> early: the bot paces by the time it sends, the stand-in
/// by the time it receives, and a call that travelled faster than the one before it is no breach Slack would notice.
/// </remarks>
internal sealed class SlackLimitsEnforcer
{
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(100);
    private static readonly (TimeSpan Interval, int Burst) PerChannel = (TimeSpan.FromSeconds(1), 3);
    private static readonly (TimeSpan Interval, int Burst) PostsPerWorkspace = (TimeSpan.FromMinutes(1) / 300, 30);

    private readonly Dictionary<string, DateTimeOffset> _arrivals = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>429s by what was exceeded: <c>channel</c>, <c>workspace</c> or the method's name.</summary>
    public ConcurrentDictionary<string, int> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls allowed, by method.</summary>
    public ConcurrentDictionary<string, int> Allowed { get; } = new(StringComparer.Ordinal);

    /// <summary>For <c>FakeSlack.RateLimiter</c>: null to answer the call, or the Retry-After to refuse it with.</summary>
    public TimeSpan? Check(string method, IRequestMessage request)
    {
        var now = _time.GetUtcNow();
        List<(string Key, string Kind, (TimeSpan Interval, int Burst) Pace)> limits = method == "chat.postMessage"
            ? [("channel/" + ChannelOf(request.Body), "channel", PerChannel), ("workspace", "workspace", PostsPerWorkspace)]
            : [(method, method, (SlackRateLimits.ForMethod(method).Interval, SlackRateLimits.ForMethod(method).Burst))];
        lock (_arrivals)
        {
            foreach (var (key, kind, pace) in limits)
            {
                var allowedFrom = Arrival(key, now) - (pace.Interval * (pace.Burst - 1)) - Grace;
                if (now < allowedFrom)
                {
                    Refused.AddOrUpdate(kind, 1, (_, n) => n + 1);
                    return allowedFrom - now;
                }
            }

            foreach (var (key, _, pace) in limits)
            {
                var arrival = Arrival(key, now);
                _arrivals[key] = (arrival > now ? arrival : now) + pace.Interval;
            }
        }

        Allowed.AddOrUpdate(method, 1, (_, n) => n + 1);
        return null;
    }

    private DateTimeOffset Arrival(string key, DateTimeOffset now) => _arrivals.TryGetValue(key, out var arrival) ? arrival : now;

    private static string ChannelOf(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return string.Empty;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("channel", out var channel) ? channel.GetString() ?? string.Empty : string.Empty;
    }
}
