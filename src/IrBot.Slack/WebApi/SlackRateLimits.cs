namespace IrBot.Slack.WebApi;

/// <summary>
/// Slack's published rate limits (api.slack.com/apis/rate-limits) as a schedule shared by every Web API client of the
/// process: each method has its tier's pace per workspace, and <c>chat.postMessage</c> about one message a second per
/// channel. A caller reserves the next free slot and waits for it, so a fan-out (thousands of reminders) goes out at
/// the pace Slack allows instead of meeting a wall of 429s; a 429 that still comes holds the method (or channel) back
/// for its <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// Each limit is a token bucket kept as one "theoretical arrival time" (GCRA): <see cref="Pace.Burst"/> calls may go at
/// once, then one per <see cref="Pace.Interval"/>. Buckets that are idle again are dropped, so memory stays flat
/// however many channels are posted to.
/// </remarks>
public sealed class SlackRateLimits(TimeProvider time)
{
    /// <summary>One call per <paramref name="Interval"/>, with up to <paramref name="Burst"/> at once.</summary>
    public readonly record struct Pace(TimeSpan Interval, int Burst)
    {
        public static Pace PerMinute(int calls, int burst) => new(TimeSpan.FromMinutes(1) / calls, burst);
    }

    // Tier 2 "20+ per minute", Tier 3 "50+", Tier 4 "100+"; bursts of about ten seconds' worth.
    public static readonly Pace Tier2 = Pace.PerMinute(20, 3);
    public static readonly Pace Tier3 = Pace.PerMinute(50, 8);
    public static readonly Pace Tier4 = Pace.PerMinute(100, 16);

    /// <summary>chat.postMessage: "one message per second per channel", short bursts allowed.</summary>
    public static readonly Pace PostPerChannel = new(TimeSpan.FromSeconds(1), 3);

    /// <summary>chat.postMessage across the workspace: "several hundred messages per minute".</summary>
    public static readonly Pace PostPerWorkspace = Pace.PerMinute(300, 30);

    private const int PruneAbove = 512;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The pace of a Web API method, by the tier Slack's documentation gives it (Tier 3 when not listed).</summary>
    public static Pace ForMethod(string method) => method switch
    {
        "chat.postMessage" => PostPerWorkspace,
        "conversations.create" or "conversations.setTopic" or "conversations.setPurpose" or "conversations.archive"
            or "conversations.list" or "users.list" or "usergroups.list" or "usergroups.users.list"
            or "bookmarks.add" or "pins.add" => Tier2,
        "auth.test" or "users.info" or "users.profile.get" or "conversations.members" or "chat.postEphemeral"
            or "views.open" or "views.update" or "views.push" or "views.publish"
            or "files.getUploadURLExternal" or "files.completeUploadExternal" => Tier4,
        _ => Tier3,
    };

    /// <summary>Takes the next free slot for <paramref name="key"/> and says how long to wait for it (zero: go now).</summary>
    public TimeSpan Reserve(string key, Pace pace)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            var bucket = _buckets.TryGetValue(key, out var known) ? known : new Bucket(now, pace);
            var arrival = bucket.Arrival > now ? bucket.Arrival : now;
            var wait = arrival - (now + bucket.Tolerance);
            _buckets[key] = bucket with { Arrival = arrival + pace.Interval };
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// A call on <paramref name="key"/> goes out now, maybe later than the slot it reserved (it waited for another
    /// limit meanwhile): the next slot is then counted from now, as Slack counts it.
    /// </summary>
    public void Sent(string key, Pace pace)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_buckets.TryGetValue(key, out var bucket) && bucket.Arrival < now + pace.Interval)
            {
                _buckets[key] = bucket with { Arrival = now + pace.Interval };
            }
        }
    }

    /// <summary>Slack answered 429: nobody calls on <paramref name="key"/> for <paramref name="retryAfter"/>.</summary>
    public void Hold(string key, Pace pace, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var bucket = _buckets.TryGetValue(key, out var known) ? known : new Bucket(time.GetUtcNow(), pace);
            // The next reservation then waits exactly until the end of the hold, and the ones after it keep the pace.
            var held = time.GetUtcNow() + retryAfter + bucket.Tolerance;
            _buckets[key] = bucket with { Arrival = held > bucket.Arrival ? held : bucket.Arrival };
        }
    }

    /// <summary>How many keys are tracked (for tests: memory stays flat).</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_buckets.Count <= PruneAbove)
        {
            return;
        }

        // A bucket whose arrival time has passed is full again: forgetting it changes nothing.
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Arrival <= now)
            {
                _buckets.Remove(key);
            }
        }
    }

    private readonly record struct Bucket(DateTimeOffset Arrival, TimeSpan Tolerance)
    {
        public Bucket(DateTimeOffset now, Pace pace)
            : this(now, pace.Interval * (pace.Burst - 1))
        {
        }
    }
}
