using IrBot.Slack.WebApi;
using IrBot.Work;

namespace IrBot.SlackApp;

public static class SlackDispatchExtensions
{
    /// <summary>The Slack Web API client, request verification and the dispatchers.</summary>
    public static IServiceCollection AddSlackIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlackWebApi(configuration);
        services.AddScoped<SlackSignatureFilter>();
        services.AddScoped<SlashCommandDispatcher>();
        services.AddScoped<InteractionDispatcher>();
        services.AddScoped<ClickerReplies>();
        services.AddSingleton<BotIdentity>();
        services.AddScoped<IHousekeepingTask, ProcessedEventPruning>();
        services.AddWorkHandler<SlackEventWorkHandler>();
        services.AddWorkHandler<SlackInteractionWorkHandler>();
        return services;
    }

    public static IServiceCollection AddSubcommand<T>(this IServiceCollection services)
        where T : class, ISubcommand => services.AddScoped<ISubcommand, T>();

    public static IServiceCollection AddBlockAction<T>(this IServiceCollection services)
        where T : class, IBlockActionHandler => services.AddScoped<IBlockActionHandler, T>();

    public static IServiceCollection AddViewSubmission<T>(this IServiceCollection services)
        where T : class, IViewSubmissionHandler => services.AddScoped<IViewSubmissionHandler, T>();

    public static IServiceCollection AddShortcut<T>(this IServiceCollection services)
        where T : class, IShortcutHandler => services.AddScoped<IShortcutHandler, T>();

    public static IServiceCollection AddSlackEventHandler<T>(this IServiceCollection services)
        where T : class, ISlackEventHandler => services.AddScoped<ISlackEventHandler, T>();
}
