using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Statistics;

public static class StatisticsExtensions
{
    /// <summary><c>/irbot stats</c>, its reset and export, and the incidents' section.</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddOptions<AuthorizedUsersOptions>().BindConfiguration(AuthorizedUsersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<StatisticsAccess>();
        services.AddScoped<StatisticsQuery>();
        services.AddScoped<ResetStatisticsModal>();
        services.AddScoped<IStatisticsSource, IncidentStatistics>();
        services.AddSubcommand<StatsCommand>();
        services.AddSubcommand<ResetStatsCommand>();
        services.AddViewSubmission<ResetStatisticsSubmission>();
        services.AddWorkHandler<ExportStatisticsWork>();
        services.AddWorkHandler<StatisticsResetAnswerWork>();
        return services;
    }
}
