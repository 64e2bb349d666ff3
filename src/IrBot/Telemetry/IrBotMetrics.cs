using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IrBot.Telemetry;

/// <summary>
/// The <c>IrBot</c> meter and its instruments (every one is listed in the README). Recording costs a
/// lookup and an add: tags are a stack <see cref="TagList"/> of constant or cached strings, so the hot
/// path (Slack requests) allocates nothing for them.
/// </summary>
public sealed class IrBotMetrics
{
    private static readonly string[] StatusCodes = [.. Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Counter<long> _slackRequests;
    private readonly Histogram<double> _slackAck;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _jobs;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _externalCalls;
    private readonly Histogram<double> _externalDuration;
    private readonly Counter<long> _slackRateLimited;

    public IrBotMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IEnumerable<ObservedGauge> gauges)
    {
        var meter = meters.Create(IrBotTelemetry.Name);
        _slackRequests = meter.CreateCounter<long>("irbot.slack.requests", "{request}", "Requests from Slack by endpoint and HTTP status.");
        _slackAck = meter.CreateHistogram<double>("irbot.slack.ack.duration", "s", "Time to answer Slack, by endpoint.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _commands = meter.CreateCounter<long>("irbot.commands", "{command}", "Slash commands by name and outcome.");
        _jobs = meter.CreateCounter<long>("irbot.jobs", "{run}", "Runs of queued jobs by kind and outcome.");
        _jobDuration = meter.CreateHistogram<double>("irbot.job.duration", "s", "How long a run of a queued job took, by kind and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _externalCalls = meter.CreateCounter<long>("irbot.external.calls", "{call}", "HTTP calls to Slack and the integrations, by system and status.");
        _externalDuration = meter.CreateHistogram<double>("irbot.external.call.duration", "s", "How long an HTTP call to Slack or an integration took, by system.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _slackRateLimited = meter.CreateCounter<long>("irbot.slack.rate_limited", "{response}", "Slack Web API answers of 429 (rate limited), by method.");
        foreach (var gauge in gauges)
        {
            meter.CreateObservableGauge(gauge.Name, () => gauge.Observe(scopes), gauge.Unit, gauge.Description);
        }
    }

    public void SlackRequest(string endpoint, int status, TimeSpan elapsed)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "status", Status(status) } };
        _slackRequests.Add(1, tags);
        _slackAck.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    public void Command(string name, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", name), new KeyValuePair<string, object?>("outcome", outcome));

    public void Job(string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        _jobs.Add(1, tags);
        _jobDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void ExternalCall(string system, string status, TimeSpan elapsed)
    {
        _externalCalls.Add(1, new KeyValuePair<string, object?>("system", system), new KeyValuePair<string, object?>("status", status));
        _externalDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("system", system));
    }

    public void SlackRateLimited(string method) =>
        _slackRateLimited.Add(1, new KeyValuePair<string, object?>("method", method));

    /// <summary>An HTTP status as a tag value, without formatting a string each time.</summary>
    public static string Status(int status) => status >= 0 && status < StatusCodes.Length ? StatusCodes[status] : "other";
}
