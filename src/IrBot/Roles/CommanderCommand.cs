using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;

namespace IrBot.Roles;

public sealed class CommanderCommand(IrBotDbContext db, IncidentAccess access, TimeProvider time) : SetRoleCommand(db, access, time), ISubcommand
{
    public static string Name => "ic";
    public static string Usage => "`/irbot ic @user` — make someone the incident commander (IR team)";
    protected override string Word => Name;
    protected override IncidentRole Role => IncidentRole.Commander;
    protected override string RoleName => "commander";
}
