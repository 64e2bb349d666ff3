namespace IrBot.Tests.Architecture;

/// <summary>A directed graph of folders and its cycles (strongly connected groups of two or more, or a self-loop).</summary>
public sealed class FolderGraph
{
    private readonly Dictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public void AddNode(string folder) => _edges.TryAdd(folder, new SortedSet<string>(StringComparer.Ordinal));

    public void AddEdge(string from, string to)
    {
        AddNode(from);
        AddNode(to);
        _edges[from].Add(to);
    }

    public IReadOnlySet<string> DependenciesOf(string folder) => _edges.TryGetValue(folder, out var to) ? to : new SortedSet<string>();

    /// <summary>Each group of folders that reach one another (Tarjan), sorted; empty when the graph is acyclic.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v])
            {
                if (!index.TryGetValue(w, out var wIndex))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] != index[v])
            {
                return;
            }

            var group = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                group.Add(popped);
            }
            while (popped != v);

            if (group.Count > 1 || _edges[v].Contains(v))
            {
                group.Sort(StringComparer.Ordinal);
                cycles.Add(group);
            }
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    public override string ToString() =>
        string.Join('\n', _edges.Where(e => e.Value.Count > 0).Select(e => $"{e.Key} -> {string.Join(", ", e.Value)}"));
}
