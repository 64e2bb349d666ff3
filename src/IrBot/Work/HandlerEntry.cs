namespace IrBot.Work;

/// <summary>One registered handler: its key, its type and what can be known of it without building it.</summary>
public sealed record HandlerEntry(string Key, Type Handler)
{
    /// <summary>A sub-command's line in <c>/irbot help</c>.</summary>
    public string? Usage { get; init; }

    /// <summary>A button that opens a modal (runs inside the request, see <c>IBlockActionHandler</c>).</summary>
    public bool OpensModal { get; init; }

    /// <summary>A job kind that runs in the long-work lane (<see cref="IWorkHandler.IsLong"/>).</summary>
    public bool IsLong { get; init; }
}
