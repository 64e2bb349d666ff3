using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Workflows.Running;

/// <summary>
/// One execution of one action: claimed (inserted, unique per instance, step entry, phase and action) before
/// the action runs, done after. A claim without done means a crash mid-action: the claimant's retry checks
/// Slack (our post's metadata, the channel we made) instead of acting again; anyone else stops.
/// </summary>
public sealed class WorkflowActionRun
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public int StepEntry { get; set; }
    public StepPhase Phase { get; set; }
    public required string Step { get; set; }
    public required string Action { get; set; }

    /// <summary>The work item that claimed it: its own retry may resume the action, others may not.</summary>
    public long ClaimedBy { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime? DoneAt { get; set; }

    /// <summary>Posts: where the message is and its rendered text, to update it when fields are chosen.</summary>
    public string? ChannelId { get; set; }
    public string? MessageTs { get; set; }
    public string? Text { get; set; }

    /// <summary>open_incident: the incident it opened.</summary>
    public int? IncidentId { get; set; }

    /// <summary>Posts: who moved the instance on with one of its transitions (shown in the message).</summary>
    public string? Note { get; set; }
}

internal sealed class WorkflowActionRunConfiguration : IEntityTypeConfiguration<WorkflowActionRun>
{
    public void Configure(EntityTypeBuilder<WorkflowActionRun> builder)
    {
        builder.ToTable("workflow_action_runs");
        builder.HasIndex(r => new { r.InstanceId, r.StepEntry, r.Phase, r.Action }).IsUnique();
        builder.Property(r => r.Phase).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Step).HasMaxLength(200);
        builder.Property(r => r.Action).HasMaxLength(200);
        builder.Property(r => r.ChannelId).HasMaxLength(32);
        builder.Property(r => r.MessageTs).HasMaxLength(32);
        builder.Property(r => r.Text).HasMaxLength(40000);
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(r => r.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
