using IrBot.Data;
using IrBot.Incidents;
using IrBot.SlackApp;

namespace IrBot.Roles;

public static class RolesExtensions
{
    public static IServiceCollection AddRoles(this IServiceCollection services) =>
        services.AddSubcommand<CommanderCommand>()
            .AddSubcommand<ScribeCommand>()
            .AddSubcommand<WhoCommand>();
}
