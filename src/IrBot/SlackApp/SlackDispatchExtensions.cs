using IrBot.Slack.WebApi;
using IrBot.Telemetry;
using IrBot.Work;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IrBot.SlackApp;

public static class SlackDispatchExtensions
{
    /// <summary>The Slack Web API client, request verification, Socket Mode and the dispatchers.</summary>
    public static IServiceCollection AddSlackIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlackWebApi(configuration, http => http.AddExternalCallMetrics(ExternalCallMetrics.Slack));
        services.AddHybridCache();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SlackHttpIntake>();
        services.AddScoped<SlashCommandDispatcher>();
        services.AddScoped<InteractionDispatcher>();
        services.AddScoped<SlackDispatcher>();
        services.AddScoped<ClickerReplies>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<SlackTokenCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackTokenCheck>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("slack", sp => sp.GetRequiredService<SlackTokenCheck>(), HealthStatus.Unhealthy, ["ready"]));
        services.AddSingleton<SlackSocketMode>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("slack-socket", sp => sp.GetRequiredService<SlackSocketMode>(), HealthStatus.Unhealthy, ["ready"]));
        services.AddScoped<IHousekeepingTask, ProcessedEventPruning>();
        // Each family's registry exists even before (or without) its first handler.
        services.HandlersOf(typeof(ISubcommand), SubcommandFamily);
        services.HandlersOf(typeof(IBlockActionHandler), ActionFamily);
        services.HandlersOf(typeof(IViewSubmissionHandler), SubmissionFamily);
        services.HandlersOf(typeof(IShortcutHandler), ShortcutFamily);
        services.HandlersOf(typeof(IBlockSuggestionHandler), SuggestionFamily);
        services.HandlersOf(typeof(ISlackEventHandler), EventFamily);
        services.AddWorkHandler<SlackEventWork>();
        services.AddWorkHandler<SlackInteractionWork>();
        services.AddBlockAction<RetryFailedWorkButton>();
        return services;
    }

    private const string SubcommandFamily = "slash command";
    private const string ActionFamily = "block action_id";
    private const string SubmissionFamily = "view submission callback_id";
    private const string ShortcutFamily = "shortcut callback_id";
    private const string SuggestionFamily = "block_suggestion action_id";
    private const string EventFamily = "Slack event type";

    public static IServiceCollection AddSubcommand<T>(this IServiceCollection services)
        where T : class, ISubcommand =>
        services.AddKeyedHandler(typeof(ISubcommand), SubcommandFamily, new HandlerEntry(T.Name, typeof(T)) { Usage = T.Usage });

    public static IServiceCollection AddBlockAction<T>(this IServiceCollection services)
        where T : class, IBlockActionHandler =>
        services.AddKeyedHandler(typeof(IBlockActionHandler), ActionFamily, new HandlerEntry(T.ActionId, typeof(T)) { OpensModal = T.OpensModal });

    public static IServiceCollection AddViewSubmission<T>(this IServiceCollection services)
        where T : class, IViewSubmissionHandler =>
        services.AddKeyedHandler(typeof(IViewSubmissionHandler), SubmissionFamily, new HandlerEntry(T.CallbackId, typeof(T)));

    public static IServiceCollection AddShortcut<T>(this IServiceCollection services)
        where T : class, IShortcutHandler =>
        services.AddKeyedHandler(typeof(IShortcutHandler), ShortcutFamily, new HandlerEntry(T.CallbackId, typeof(T)));

    public static IServiceCollection AddBlockSuggestion<T>(this IServiceCollection services)
        where T : class, IBlockSuggestionHandler =>
        services.AddKeyedHandler(typeof(IBlockSuggestionHandler), SuggestionFamily, new HandlerEntry(T.ActionId, typeof(T)));

    public static IServiceCollection AddSlackEventHandler<T>(this IServiceCollection services)
        where T : class, ISlackEventHandler =>
        services.AddKeyedHandler(typeof(ISlackEventHandler), EventFamily, new HandlerEntry(T.EventType, typeof(T)));
}
