namespace IrBot.Tests.Architecture;

/// <summary>The cycle finder the architecture test relies on, on graphs small enough to check by eye.</summary>
public sealed class FolderGraphTests
{
    [Fact]
    public void A_chain_has_no_cycle()
    {
        var graph = new FolderGraph();
        graph.AddEdge("Tasks", "Incidents");
        graph.AddEdge("Incidents", "Work");
        graph.AddEdge("Tasks", "Work");

        Assert.Empty(graph.Cycles());
    }

    [Fact]
    public void Two_folders_that_use_each_other_are_a_cycle()
    {
        var graph = new FolderGraph();
        graph.AddEdge("SlackApp", "Work");
        graph.AddEdge("Work", "SlackApp");
        graph.AddEdge("Tasks", "Work");

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["SlackApp", "Work"], cycle);
    }

    [Fact]
    public void A_cycle_through_three_folders_is_found_whole()
    {
        var graph = new FolderGraph();
        graph.AddEdge("Incidents", "IrTeam");
        graph.AddEdge("IrTeam", "Tasks");
        graph.AddEdge("Tasks", "Incidents");
        graph.AddEdge("Timeline", "Tasks");

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["Incidents", "IrTeam", "Tasks"], cycle);
    }
}
