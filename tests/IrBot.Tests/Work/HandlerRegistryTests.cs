using System.Reflection;
using IrBot.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.Tests.Work;

public sealed class HandlerRegistryTests
{
    [Fact]
    public void A_key_and_its_former_names_find_the_same_handler()
    {
        var registry = new HandlerRegistry(typeof(object), "job kind");
        registry.Add(new HandlerEntry("tasks.assign-task", typeof(string)));
        registry.AddAlias("task-assign", "tasks.assign-task");

        Assert.Equal("tasks.assign-task", registry.Find("task-assign")?.Key);
        Assert.Equal("tasks.assign-task", registry.Find("TASKS.ASSIGN-TASK")?.Key);
        Assert.Null(registry.Find("tasks.unknown"));
    }

    [Fact]
    public void The_long_work_lane_holds_openings_and_archives_under_their_former_names_too()
    {
        var services = new ServiceCollection();
        services.AddWorkHandler<IrBot.Incidents.Opening.OpenIncidentWork>();
        services.AddWorkHandler<IrBot.Incidents.Archiving.ArchiveIncidentWork>();
        services.AddWorkHandler<IrBot.SlackApp.SlackEventWork>();
        var registry = services.HandlersOf(typeof(IWorkHandler), "job kind");

        Assert.Equal(
            ["archive-incident", "incidents.archive-incident", "incidents.open-incident", "open-incident"],
            registry.KeysWhere(e => e.IsLong).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_handler_a_key_names_is_built()
    {
        var services = new ServiceCollection();
        services.AddKeyedHandler(typeof(IProbe), "probe", new HandlerEntry("one", typeof(ProbeOne)));
        services.AddKeyedHandler(typeof(IProbe), "probe", new HandlerEntry("two", typeof(ProbeTwo)));
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var registry = provider.GetRequiredKeyedService<HandlerRegistry>(typeof(IProbe));

        Assert.IsType<ProbeTwo>(registry.Resolve(scope.ServiceProvider, "two"));
        Assert.Equal(0, ProbeOne.Built);
    }

    [Theory]
    [InlineData("open-incident")]
    [InlineData("archive-incident")]
    [InlineData("participants-search-results")]
    [InlineData("participant-joined")]
    [InlineData("timeline-publish")]
    [InlineData("task-assign")]
    [InlineData("task-event")]
    [InlineData("task-update-post")]
    [InlineData("slack-event")]
    [InlineData("slack-interaction")]
    public void Work_stored_under_a_kind_from_before_the_rename_still_has_a_handler(string oldKind)
    {
        var handlers = typeof(WorkItem).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWorkHandler).IsAssignableFrom(t))
            // A handler without former kinds keeps the interface's default (no property of its own).
            .Where(t => (t.GetProperty(nameof(IWorkHandler.FormerKinds), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string> ?? []).Contains(oldKind));

        Assert.Single(handlers);
    }

    private interface IProbe;

    private sealed class ProbeOne : IProbe
    {
        public static int Built { get; private set; }

        public ProbeOne() => Built++;
    }

    private sealed class ProbeTwo : IProbe;
}
