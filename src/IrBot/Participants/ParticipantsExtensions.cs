using IrBot.Participants.Search;
using IrBot.Scheduling;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants;

public static class ParticipantsExtensions
{
    public static IServiceCollection AddParticipants(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ParticipantsOptions>().BindConfiguration(ParticipantsOptions.Section)
            .Validate(o => o.DwellThresholdHours > 0, "Participants:DwellThresholdHours must be more than 0.")
            .Validate(o => o.DirectoryRefreshMinutes > 0, "Participants:DirectoryRefreshMinutes must be more than 0.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DepartmentField), "Participants:DepartmentField must be \"title\" or a custom profile field id (Xf…).")
            .ValidateOnStart();
        services.AddSingleton<DepartmentDirectory>();
        // Membership events go to Sumo Logic (when AddSumoLogic's collector is configured), in the background.
        services.AddSingleton<SumoLogicSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SumoLogicSender>());

        services.AddSlackEventHandler<MemberJoinedHandler>();
        services.AddSlackEventHandler<MemberLeftHandler>();
        services.AddWorkHandler<JoinWelcomeWork>();
        services.AddWorkHandler<KickDmWork>();

        services.AddScoped<ParticipantReminders>();
        services.AddRecurringJob<RulesReminderJob>(configuration, "RulesReminder", TimeSpan.FromHours(8), recoverable: true);
        services.AddRecurringJob<DwellCheckJob>(configuration, "DwellCheck", TimeSpan.FromHours(8), recoverable: true);
        services.AddBlockAction<KickAction>();

        services.AddSubcommand<SearchCommand>();
        services.AddViewSubmission<SearchSubmission>();
        services.AddBlockSuggestion<DepartmentSuggestions>();
        services.AddWorkHandler<SearchResultsWork>();
        services.AddBlockAction<InviteAction>();
        return services;
    }
}
