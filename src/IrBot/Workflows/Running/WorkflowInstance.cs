using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Workflows.Running;

/// <summary>
/// One run of a workflow, started by one channel message. Times for statistics (MTTA, MTTR):
/// <see cref="StartedAt"/> is the trigger message's time, <see cref="AcknowledgedAt"/> the first click on a
/// field or transition of one of its posts, <see cref="ResolvedAt"/> finished_workflow or the archive of a
/// channel the instance created, <see cref="EndedAt"/> when it stopped running (finished or failed).
/// </summary>
public sealed class WorkflowInstance
{
    public long Id { get; set; }
    public required string WorkflowName { get; set; }

    /// <summary>Per workflow, from 1: <c>{{.Instance.Number}}</c>.</summary>
    public long Number { get; set; }

    /// <summary>The workflow set the instance runs (a later upload does not change a running instance).</summary>
    public int SetVersionId { get; set; }

    public required string TriggerName { get; set; }
    public required string TriggerChannelId { get; set; }
    public required string TriggerChannelName { get; set; }
    public required string TriggerUserId { get; set; }

    /// <summary>The trigger message's ts: with the channel, it makes a retried event start nothing new.</summary>
    public required string TriggerTs { get; set; }
    public required string TriggerText { get; set; }

    public required string CurrentStep { get; set; }

    /// <summary>Counts step entries (a step can be entered again): action runs are recorded per entry.</summary>
    public int StepEntry { get; set; }
    public StepPhase Phase { get; set; }

    /// <summary>While <see cref="Phase"/> is Finish: the step to enter next.</summary>
    public string? NextStep { get; set; }

    public WorkflowInstanceStatus Status { get; set; }
    public string? FailureReason { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> builder)
    {
        builder.ToTable("workflow_instances");
        builder.HasIndex(i => new { i.WorkflowName, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.WorkflowName, i.TriggerChannelId, i.TriggerTs }).IsUnique();
        builder.HasIndex(i => i.Status);
        builder.Property(i => i.WorkflowName).HasMaxLength(200);
        builder.Property(i => i.TriggerName).HasMaxLength(200);
        builder.Property(i => i.TriggerChannelId).HasMaxLength(32);
        builder.Property(i => i.TriggerChannelName).HasMaxLength(80);
        builder.Property(i => i.TriggerUserId).HasMaxLength(32);
        builder.Property(i => i.TriggerTs).HasMaxLength(32);
        builder.Property(i => i.TriggerText).HasMaxLength(40000);
        builder.Property(i => i.CurrentStep).HasMaxLength(200);
        builder.Property(i => i.NextStep).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Phase).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.FailureReason).HasMaxLength(1000);
        builder.Property(i => i.AcknowledgedBy).HasMaxLength(32);
        builder.HasOne<Sets.WorkflowSetVersion>().WithMany().HasForeignKey(i => i.SetVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
