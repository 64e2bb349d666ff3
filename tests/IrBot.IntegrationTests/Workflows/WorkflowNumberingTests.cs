using IrBot.SlackApp;
using IrBot.TestSupport;
using IrBot.Workflows;
using IrBot.Workflows.Running;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Workflows.WorkflowKit;

namespace IrBot.IntegrationTests.Workflows;

/// <summary>Instance numbers under a burst of triggers: each its own, at once, with no trigger failing on a taken number.</summary>
public sealed class WorkflowNumberingTests
{
    private const int Burst = 32;

    /// <summary>One step that posts the instance number, so each instance shows the number it got.</summary>
    private const string Counter = """
        [
            {
                "name": "burst",
                "triggers": [ { "name": "Go", "type": "text", "match": "#burst" } ],
                "steps": [
                    {
                        "name": "Count",
                        "start_actions": [
                            { "name": "Say", "type": "post", "channel_name": "general", "message": "Instance {{.Instance.Number}}" }
                        ]
                    }
                ]
            }
        ]
        """;

    [Fact]
    public async Task Triggers_arriving_at_once_start_instances_with_distinct_numbers_and_none_is_retried()
    {
        // Sixteen handlers at a time: far more than the five tries a taken number used to get.
        var logs = new CapturedLogs();
        await using var app = await IrBotApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Work:Concurrency"] = "16",
                ["Serilog:MinimumLevel:Override:" + typeof(MessageTriggerHandler).FullName] = "Debug",
            },
            services: s => s.AddSingleton<ILogEventSink>(logs));
        Arrange(app.Slack);
        (await UploadAsync(app, Counter)).EnsureSuccessStatusCode();

        var sent = await Task.WhenAll(Enumerable.Range(1, Burst).Select(n => app.SendEventAsync(Message($"#burst {n}", Ts(n), $"EvBURST{n:D3}"))));
        Assert.All(sent, r => r.EnsureSuccessStatusCode());
        await IrBotApp.WaitUntilAsync(() => Posts(app, General).Count == Burst, "every instance posts its number", TimeSpan.FromSeconds(60));
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        await using var db = app.Db();
        var numbers = await db.WorkflowInstances.Select(i => i.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Burst).Select(n => (long)n), numbers.Order());
        Assert.Equal(Enumerable.Range(1, Burst).Select(n => $"Instance {n}").Order(StringComparer.Ordinal), Posts(app, General).Select(Text).Order(StringComparer.Ordinal));
        // Not one trigger failed on a number another took: neither retried as work nor tried again inside the handler.
        Assert.All(await db.WorkItems.Where(w => w.Kind == SlackEventWork.Kind).ToListAsync(), w => Assert.Equal(0, w.Attempts));
        Assert.DoesNotContain(logs.Events, e => e.Contains("could not be stored", StringComparison.Ordinal));
        Assert.Equal(Burst, logs.Events.Count(e => e.Contains("started by trigger", StringComparison.Ordinal)));
    }
}
