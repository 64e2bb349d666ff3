using System.Reflection;
using NetArchTest.Rules;

namespace IrBot.Tests.Architecture;

/// <summary>
/// The folder rule of docs/architecture.md, read from the compiled IL (NetArchTest): features depend on
/// kernels, never the reverse; integrations know no feature; the Slack layer knows nothing of IrBot; and
/// no two folders depend on each other, however indirectly.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly Assembly App = typeof(IrBot.Data.IrBotDbContext).Assembly;
    private static readonly Assembly SlackLayer = typeof(IrBot.Slack.SlackJson).Assembly;

    private static readonly string[] Features = ["Incidents", "Roles", "Participants", "Tasks", "Timeline", "Workflows", "Statistics", "AppHome"];
    private static readonly string[] Kernels = ["Admin", "Data", "Integrations", "IrTeam", "Scheduling", "SlackApp", "Telemetry", "Work"];

    private static readonly Lazy<FolderGraph> Graph = new(BuildGraph);

    [Fact]
    public void The_folders_depend_on_each_other_without_a_cycle()
    {
        var cycles = Graph.Value.Cycles();

        Assert.True(cycles.Count == 0, $"Folder cycles: {string.Join("; ", cycles.Select(c => string.Join(" <-> ", c)))}\n{Graph.Value}");
    }

    [Fact]
    public void Every_folder_is_known_as_a_feature_a_kernel_or_the_host()
    {
        var known = Features.Concat(Kernels).Append("Hosting").ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Folders(), f => !known.Contains(f));
    }

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void A_kernel_depends_on_no_feature(string kernel)
    {
        var features = Graph.Value.DependenciesOf(kernel).Intersect(Features).ToList();

        Assert.True(features.Count == 0, $"{kernel} depends on {string.Join(", ", features)}");
    }

    [Fact]
    public void The_slack_layer_depends_on_nothing_in_the_bot()
    {
        var result = Types.InAssembly(SlackLayer).Should()
            .NotHaveDependencyOnAny(Folders().Select(f => $"IrBot.{f}").ToArray())
            .GetResult();

        Assert.True(result.IsSuccessful, "IrBot.Slack uses: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_graph_sees_a_dependency_the_code_has()
    {
        // Guards the test itself: an edge-blind graph would never find a cycle.
        Assert.Contains("Incidents", Graph.Value.DependenciesOf("Tasks"));
        Assert.Contains("Work", Graph.Value.DependenciesOf("SlackApp"));
        Assert.DoesNotContain("SlackApp", Graph.Value.DependenciesOf("Work"));
    }

    public static TheoryData<string> KernelNames() => new(Kernels);

    private static List<string> Folders() =>
        App.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("IrBot.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static FolderGraph BuildGraph()
    {
        var graph = new FolderGraph();
        var types = Types.InAssembly(App);
        var folders = Folders();
        foreach (var from in folders)
        {
            graph.AddNode(from);
            foreach (var to in folders.Where(to => to != from))
            {
                var result = types.That().ResideInNamespaceMatching($@"^IrBot\.{from}(\..+)?$")
                    .Should().NotHaveDependencyOn($"IrBot.{to}")
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    graph.AddEdge(from, to);
                }
            }
        }

        return graph;
    }
}
