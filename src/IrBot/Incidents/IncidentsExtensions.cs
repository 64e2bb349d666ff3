using IrBot.Incidents.Opening;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Incidents;

public static class IncidentsExtensions
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSubcommand<OpenIncidentCommand>();
        services.AddWorkHandler<OpenIncidentWork>();
        services.AddScoped<IOpeningStep, CreateChannelStep>();
        services.AddScoped<IOpeningStep, InviteTeamStep>();
        services.AddScoped<IOpeningStep, SetTopicStep>();
        services.AddScoped<IOpeningStep, OpeningMessageStep>();
        services.AddScoped<IOpeningStep, NotifyRequesterStep>();
        return services;
    }
}
