namespace IrBot.Work;

/// <summary>
/// The handlers of one family (sub-commands, action ids, job kinds, …) by key, filled by the <c>AddX</c>
/// registrations at start. A request resolves only the handler its key names (a keyed service), and two
/// handlers for one key stop the service at start, naming both.
/// </summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, HandlerEntry> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);

    public HandlerRegistry(Type service, string family)
    {
        Service = service;
        Family = family;
    }

    /// <summary>The interface every handler of the family is registered as (keyed by <see cref="HandlerEntry.Key"/>).</summary>
    public Type Service { get; }

    /// <summary>What the keys are, for messages: "sub-command", "job kind", ….</summary>
    public string Family { get; }

    public IReadOnlyCollection<HandlerEntry> Entries => _byKey.Values;

    public void Add(HandlerEntry entry)
    {
        if (_byKey.TryGetValue(entry.Key, out var existing) || _aliases.ContainsKey(entry.Key))
        {
            throw new InvalidOperationException(
                $"Two handlers for the {Family} '{entry.Key}': {existing?.Handler.Name ?? "an alias"} and {entry.Handler.Name}. Each key must name one handler.");
        }

        _byKey.Add(entry.Key, entry);
    }

    /// <summary>An older name of a key (e.g. a job kind stored before a rename) that still finds its handler.</summary>
    public void AddAlias(string alias, string key)
    {
        if (_byKey.ContainsKey(alias) || !_aliases.TryAdd(alias, key))
        {
            throw new InvalidOperationException($"The {Family} alias '{alias}' is already taken.");
        }
    }

    /// <summary>The keys, and the aliases of them, whose entries match <paramref name="predicate"/>.</summary>
    public IReadOnlyList<string> KeysWhere(Func<HandlerEntry, bool> predicate) =>
        [.. _byKey.Values.Where(predicate).Select(e => e.Key), .. _aliases.Where(a => _byKey.TryGetValue(a.Value, out var e) && predicate(e)).Select(a => a.Key)];

    public HandlerEntry? Find(string key) =>
        _byKey.GetValueOrDefault(_aliases.GetValueOrDefault(key) ?? key);

    /// <summary>Builds the one handler registered under <paramref name="key"/> (or an alias of it), or null.</summary>
    public object? Resolve(IServiceProvider services, string key) =>
        Find(key) is { } entry ? services.GetRequiredKeyedService(Service, entry.Key) : null;
}
