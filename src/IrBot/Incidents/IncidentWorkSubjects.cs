using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents;

/// <summary>Names the incident of a failed work item in the admin channel's report.</summary>
public sealed class IncidentWorkSubjects(IrBotDbContext db) : IWorkSubjects
{
    public async Task<string?> DescribeAsync(int incidentId, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        return incident is null ? null
            : incident.ChannelId is { } channel ? $"incident {incident.Number} ({SlackMentions.Channel(channel)})"
            : $"incident {incident.Number}";
    }
}
