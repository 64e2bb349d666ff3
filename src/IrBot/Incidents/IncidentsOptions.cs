namespace IrBot.Incidents;

/// <summary>The <c>Incidents</c> section.</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Incidents";

    /// <summary>
    /// Incident channels are private (membership is need-to-know): only those invited see them. False makes them
    /// public, findable and joinable by anyone in the workspace.
    /// </summary>
    public bool PrivateChannels { get; set; } = true;
}
