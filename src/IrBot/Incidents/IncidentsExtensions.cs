using IrBot.Incidents.Steps;
using IrBot.Incidents.Archiving;
using IrBot.Incidents.Opening;
using IrBot.SlackApp;
using IrBot.Telemetry;
using IrBot.Work;

namespace IrBot.Incidents;

public static class IncidentsExtensions
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddOptions<IncidentsOptions>().BindConfiguration(IncidentsOptions.Section).ValidateOnStart();
        services.AddScoped<IncidentAccess>();
        services.AddObservedGauge("irbot.incidents.open", "{incident}", "Live incidents (opening or active).",
            sp => sp.GetRequiredService<IrBot.Data.IrBotDbContext>().Incidents.Count(LiveIncident.Rule));
        services.AddScoped<IrBot.Work.IWorkSubjects, IncidentWorkSubjects>();
        services.AddScoped<ProgressMessage>();
        services.AddSubcommand<OpenIncidentCommand>();
        services.AddWorkHandler<OpenIncidentWork>();
        services.AddScoped<IncidentStepRunner>();
        services.AddScoped<IncidentWorkflow>();
        services.AddSlackEventHandler<PublicChannelArchivedHandler>();
        services.AddSlackEventHandler<PrivateChannelArchivedHandler>();
        services.AddScoped<IOpeningStep, CreateChannelStep>();
        services.AddScoped<IOpeningStep, InviteTeamStep>();
        services.AddScoped<IOpeningStep, ConfluencePageStep>();
        services.AddScoped<IOpeningStep, TheHiveCaseStep>();
        services.AddScoped<IOpeningStep, CaseOnPageStep>();
        services.AddScoped<IOpeningStep, SetTopicStep>();
        services.AddScoped<IOpeningStep, OpeningMessageStep>();
        services.AddScoped<IOpeningStep, PostCaseLinkStep>();
        services.AddScoped<IOpeningStep, NotifyRequesterStep>();

        services.AddSubcommand<ArchiveCommand>();
        services.AddViewSubmission<ArchiveModalSubmission>();
        services.AddWorkHandler<ArchiveIncidentWork>();
        services.AddScoped<IArchiveStep, ResolvePageStep>();
        services.AddScoped<IArchiveStep, PageResolvedStep>();
        services.AddScoped<IArchiveStep, ResolveCaseStep>();
        services.AddScoped<IArchiveStep, ClosingMessageStep>();
        services.AddScoped<IArchiveStep, ArchiveChannelStep>();
        return services;
    }
}
