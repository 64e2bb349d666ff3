namespace IrBot.IrTeam;

public static class IrTeamExtensions
{
    public static IServiceCollection AddIrTeam(this IServiceCollection services)
    {
        services.AddOptions<IrTeamOptions>().BindConfiguration(IrTeamOptions.Section)
            .Validate(o => o.Members.All(m => string.IsNullOrWhiteSpace(m) || m.Trim().StartsWith('U') || m.Trim().StartsWith('W')),
                "IrTeam:Members must be Slack user ids (U… or W…).")
            .Validate(o => string.IsNullOrWhiteSpace(o.UserGroupId) || o.UserGroupId.Trim().StartsWith('S'),
                "IrTeam:UserGroupId must be a Slack user group id (S…).")
            .ValidateOnStart();
        services.AddSingleton<IrTeamDirectory>();
        services.AddHostedService<IrTeamRefresher>();
        return services;
    }
}
