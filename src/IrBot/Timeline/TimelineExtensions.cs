using IrBot.Data;
using IrBot.Incidents.Archiving;
using IrBot.Scheduling;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Timeline;

public static class TimelineExtensions
{
    public static IServiceCollection AddTimeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimelineOptions>().BindConfiguration(TimelineOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<TimelineAuthors>();
        services.AddScoped<TimelinePublisher>();
        services.AddSubcommand<NoteCommand>();
        services.AddSubcommand<SearchNoteCommand>();
        services.AddSubcommand<PublishTimelineCommand>();
        services.AddShortcut<AddToTimelineShortcut>();
        services.AddBlockAction<EditNoteButton>();
        services.AddViewSubmission<EditNoteSubmission>();
        services.AddWorkHandler<PublishTimelineWork>();
        services.AddScoped<IArchiveStep, PublishTimelineArchiveStep>();
        services.AddTransient<TimelinePublishJob>();
        services.AddScoped<IDataFix, UnescapeOldNotes>();
        services.AddRecurringJob<TimelinePublishJob>(configuration, "TimelinePublish", TimeSpan.FromMinutes(15));
        return services;
    }
}
