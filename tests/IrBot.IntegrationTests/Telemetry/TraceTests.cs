using System.Diagnostics;
using System.Text.Json.Nodes;
using IrBot.SlackApp;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IrBot.IntegrationTests.Telemetry;

/// <summary>One trace from Slack's request through the job it queued to the Slack call the job made, with the database queries in it.</summary>
public sealed class TraceTests
{
    [Fact]
    public async Task A_slack_event_its_queued_job_and_the_job_slack_call_share_one_trace()
    {
        var spans = new Spans();
        await using var app = await IrBotApp.StartAsync(services: s => s.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans)));
        var body = SlackPayloads.EventEnvelope(
            new JsonObject { ["type"] = "app_home_opened", ["user"] = IrBotApp.IrMember, ["channel"] = "D" + IrBotApp.IrMember, ["tab"] = "home", ["event_ts"] = "1700000000.000100" },
            "EvTRACE0001");

        // Slack sends no traceparent; this process' client would (it is traced too), unless told not to trace the call.
        using (SuppressInstrumentationScope.Begin())
        {
            (await app.SendEventAsync(body)).EnsureSuccessStatusCode();
        }

        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.WorkItems.AnyAsync(w => w.Kind == SlackEventWork.Kind && w.Status == WorkStatus.Done);
            },
            "the job is done");
        // Spans are exported when they end; the job's ends just after its item is marked done.
        var port = app.Client.BaseAddress!.Port;
        await IrBotApp.WaitUntilAsync(() => Task.FromResult(spans.Snapshot().Any(s => s.OperationName.StartsWith("work ", StringComparison.Ordinal))), "the job's span ends");

        var all = spans.Snapshot();
        var server = Assert.Single(all, s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("server.port"), port) && s.GetTagItem("url.path") as string == "/slack/events");
        var trace = all.Where(s => s.TraceId == server.TraceId).ToList();
        var job = Assert.Single(trace, s => s.Source.Name == "IrBot" && s.DisplayName == "work " + SlackEventWork.Kind);
        Assert.Equal(server.SpanId, job.ParentSpanId);
        var publish = Assert.Single(trace, s => s.Source.Name == "System.Net.Http" && (s.GetTagItem("url.full") as string ?? string.Empty).Contains("views.publish", StringComparison.Ordinal));
        Assert.True(IsUnder(publish, job, trace), "the views.publish call is inside the job's span");
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && IsUnder(s, server, trace));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && IsUnder(s, job, trace));
    }

    private static bool IsUnder(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Spans as the exporter hands them over, from whatever thread ends them.</summary>
    private sealed class Spans : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _lock = new();

        public Activity[] Snapshot()
        {
            lock (_lock)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
