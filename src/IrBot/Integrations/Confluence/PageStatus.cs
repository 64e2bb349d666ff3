namespace IrBot.Integrations.Confluence;

/// <summary>
/// A page status: its <see cref="Name"/> (matched against the space's states, ignoring case), the
/// <see cref="Color"/> of a custom state (6-digit hex) and the <see cref="Lozenge"/> colour of the status
/// line used when the space has states off (<c>Grey|Red|Yellow|Green|Blue</c>).
/// </summary>
public sealed record PageStatus(string Name, string Color, string Lozenge)
{
    /// <summary>Confluence's default space state (id 1) carries this name, so most spaces need no custom state.</summary>
    public static PageStatus InProgress { get; } = new("In progress", "#2684ff", "Blue");

    public static PageStatus Resolved { get; } = new("Resolved", "#57d9a3", "Green");
}
