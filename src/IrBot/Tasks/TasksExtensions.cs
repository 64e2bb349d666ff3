using IrBot.Incidents.Archiving;
using IrBot.Integrations.Jira;
using IrBot.Scheduling;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Tasks;

public static class TasksExtensions
{
    /// <summary>Tasks: <c>/irbot newtask</c>, the DM buttons, reminders, <c>/irbot mute</c>, <c>/irbot update</c>, and the Jira issues behind tasks.</summary>
    public static IServiceCollection AddTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JiraOptions>()
            .Validate(JiraPriorities.KeysAreCriticalities, "Jira:Priorities keys must be task criticalities: Critical, High, Normal, Low.")
            .ValidateOnStart();
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.Section)
            .Validate(o => o.JiraRetrySeconds > 0, "Tasks:JiraRetrySeconds must be positive.")
            .Validate(o => o.ReminderConcurrency is > 0 and <= 64, "Tasks:ReminderConcurrency must be between 1 and 64.")
            .ValidateOnStart();
        services.AddScoped<JiraTasks>();
        services.AddScoped<TaskDm>();
        services.AddScoped<JiraSetupCheck>();
        services.AddHostedService<JiraSetupStartup>();
        services.AddHealthChecks().AddCheck<JiraSetupHealthCheck>("jira-configuration", tags: ["config"]);
        services.AddScoped<TaskReminders>();
        services.AddSingleton(TaskReminderPeriod.From(configuration));

        services.AddSubcommand<NewTaskCommand>();
        services.AddViewSubmission<NewTaskSubmission>();
        services.AddWorkHandler<AssignTaskWork>();

        services.AddBlockAction<StartTaskButton>();
        services.AddBlockAction<CommentTaskButton>();
        services.AddBlockAction<ResolveTaskButton>();
        services.AddViewSubmission<CommentTaskSubmission>();
        services.AddViewSubmission<ResolveTaskSubmission>();
        services.AddWorkHandler<TaskEventWork>();

        services.AddSubcommand<MuteCommand>();
        services.AddViewSubmission<MuteSubmission>();
        services.AddRecurringJob<TaskReminderJob>(configuration, TaskReminderPeriod.ScheduleName, TaskReminderPeriod.Default);

        services.AddSubcommand<UpdateCommand>();
        services.AddViewSubmission<UpdateSubmission>();
        services.AddWorkHandler<PostUpdateWork>();

        services.AddScoped<IArchiveStep, ResolveTasksArchiveStep>();
        return services;
    }
}
