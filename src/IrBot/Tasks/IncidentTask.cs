using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using IrBot.Incidents;

namespace IrBot.Tasks;

public enum TaskCriticality
{
    Critical,
    High,
    Normal,
    Low,
}

public enum IncidentTaskStatus
{
    Open,
    InProgress,
    Resolved,
}

/// <summary>A piece of incident work with an owner, mirrored to a Jira issue.</summary>
public sealed class IncidentTask
{
    public int Id { get; set; }
    public int IncidentId { get; set; }

    /// <summary>What people type, e.g. <c>T-7</c>; unique.</summary>
    public required string ShortId { get; set; }

    public required string Title { get; set; }
    public string? Description { get; set; }
    public required string OwnerId { get; set; }
    public TaskCriticality Criticality { get; set; }
    public IncidentTaskStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? Resolution { get; set; }
    public string? LatestComment { get; set; }
    public bool Muted { get; set; }

    public string? JiraKey { get; set; }
    public string? JiraUrl { get; set; }

    /// <summary>The owner's DM and the task message in it, updated as the task moves on.</summary>
    public string? DmChannelId { get; set; }
    public string? DmMessageTs { get; set; }
}

internal sealed class IncidentTaskConfiguration : IEntityTypeConfiguration<IncidentTask>
{
    public void Configure(EntityTypeBuilder<IncidentTask> builder)
    {
        builder.ToTable("tasks");
        builder.HasIndex(t => t.ShortId).IsUnique();
        builder.Property(t => t.ShortId).HasMaxLength(20);
        builder.Property(t => t.Title).HasMaxLength(255);
        builder.Property(t => t.Criticality).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Incident>().WithMany().HasForeignKey(t => t.IncidentId);
    }
}
