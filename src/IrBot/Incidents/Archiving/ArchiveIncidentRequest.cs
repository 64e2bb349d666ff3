using IrBot.Incidents.Steps;
using IrBot.Data;

namespace IrBot.Incidents.Archiving;

/// <summary>What the archive modal collected.</summary>
public sealed record ArchiveIncidentRequest(
    string RequestedBy,
    string ResolutionStatus,
    string ImpactStatus,
    IReadOnlyList<string> Tags,
    string Summary);
