namespace IrBot.Timeline;

/// <summary>The <c>Timeline</c> section. The publish period is <c>Schedules:TimelinePublish</c>.</summary>
public sealed class TimelineOptions
{
    public const string Section = "Timeline";

    /// <summary>A Slack custom profile field id (Xf…) holding the person's team; empty: use the profile title.</summary>
    public string? TeamProfileFieldId { get; set; }
}
