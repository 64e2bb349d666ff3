using IrBot.SlackApp;
using IrBot.Work;
using IrBot.Workflows.Managing;
using IrBot.Workflows.Running;
using IrBot.Workflows.Sets;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows;

public static class WorkflowsExtensions
{
    /// <summary>Keyword workflows: the stored sets, message triggers, the instance runner, post clicks and <c>/irbot workflow</c>.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowsOptions>().BindConfiguration(WorkflowsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowsOptions>, WorkflowFileValidation>();
        services.AddSingleton<WorkflowCatalog>();
        services.AddHostedService<WorkflowFileLoader>();
        services.AddSingleton<SlackWorkspace>();

        services.AddSlackEventHandler<MessageTriggerHandler>();
        services.AddWorkHandler<RunInstanceWork>();
        services.AddScoped<WorkflowActions>();
        services.AddScoped<IrBot.Statistics.IStatisticsSource, WorkflowStatistics>();
        services.AddScoped<SlackTargets>();
        services.AddScoped<PostClick>();
        services.AddSingleton<PostRedrawLocks>();
        services.AddBlockAction<FieldClickHandler>();
        services.AddBlockAction<TransitionClickHandler>();

        services.AddScoped<WorkflowAdmins>();
        services.AddScoped<WorkflowAnnouncements>();
        services.AddHttpClient<WorkflowFileDownload>(http => http.Timeout = TimeSpan.FromSeconds(2));
        services.AddSubcommand<WorkflowCommand>();
        services.AddViewSubmission<WorkflowEditSubmission>();
        return services;
    }
}
