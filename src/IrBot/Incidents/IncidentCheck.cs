using System.Diagnostics.CodeAnalysis;

namespace IrBot.Incidents;

/// <summary>The incident a command may act on, or the message that says why not.</summary>
public sealed record IncidentCheck(Incident? Incident, string? Refusal)
{
    [MemberNotNullWhen(true, nameof(Incident))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAllowed => Incident is not null;

    public static IncidentCheck Allowed(Incident incident) => new(incident, null);

    public static IncidentCheck Refused(string refusal) => new(null, refusal);
}
