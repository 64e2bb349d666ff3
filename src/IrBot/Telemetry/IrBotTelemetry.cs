using System.Diagnostics;

namespace IrBot.Telemetry;

/// <summary>The names our meter and traces go by, and the one <see cref="ActivitySource"/> of IR Bot's own spans.</summary>
public static class IrBotTelemetry
{
    public const string Name = "IrBot";
    public const string ServiceName = "irbot";

    /// <summary>Static like the BCL's own sources: it holds no state of ours, and listeners find it by name.</summary>
    internal static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// A span for one run of a queued job, continuing the trace of whatever queued it (the Slack request, or
    /// the job before it) from the W3C <c>traceparent</c> stored on the item. Null when nobody listens.
    /// </summary>
    public static Activity? StartJob(string kind, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        var activity = Source.StartActivity("work " + kind, ActivityKind.Consumer, parent);
        activity?.SetTag("irbot.work.kind", kind);
        return activity;
    }

    /// <summary>The current span as a W3C <c>traceparent</c>, to store on queued work; null outside a trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
