using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;

namespace IrBot.Roles;

public sealed class ScribeCommand(IrBotDbContext db, IncidentAccess access, TimeProvider time) : SetRoleCommand(db, access, time), ISubcommand
{
    public static string Name => "scribe";
    public static string Usage => "`/irbot scribe @user` — make someone the incident scribe (IR team)";
    protected override string Word => Name;
    protected override IncidentRole Role => IncidentRole.Scribe;
    protected override string RoleName => "scribe";
}
