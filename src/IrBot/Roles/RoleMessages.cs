using IrBot.Slack.Payloads;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.SlackApp;

namespace IrBot.Roles;

public static class RoleMessages
{
    public static string Who(Incident incident) =>
        $"*{SlackMentions.Escape(IncidentMessages.Name(incident))}*\nCommander: {IncidentMessages.Role(incident.CommanderId)}\nScribe: {IncidentMessages.Role(incident.ScribeId)}";
}
