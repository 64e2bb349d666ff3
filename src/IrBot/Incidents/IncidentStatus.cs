using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Incidents;

public enum IncidentStatus
{
    /// <summary>Recorded; the channel and the rest are being set up.</summary>
    Opening,
    Active,
    Archiving,
    Closed,
}
