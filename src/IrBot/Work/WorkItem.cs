using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Work;

/// <summary>
/// Slow work accepted from Slack and stored before we answer, so a crash or restart resumes it.
/// Handlers keep their progress in <see cref="State"/> so that a resumed item skips what was done.
/// </summary>
public sealed class WorkItem
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public int? IncidentId { get; set; }

    /// <summary>What to do (JSON), written once.</summary>
    public required string Payload { get; set; }

    /// <summary>How far it got (JSON), written by the handler as it goes.</summary>
    public string? State { get; set; }

    public WorkStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The W3C <c>traceparent</c> of what queued the item, so its runs continue that trace.</summary>
    public string? TraceParent { get; set; }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> builder)
    {
        builder.ToTable("work_items");
        builder.Property(w => w.Kind).HasMaxLength(64);
        builder.Property(w => w.TraceParent).HasMaxLength(55);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(w => new { w.Status, w.NextAttemptAt });
        // A concurrency token: if our lease ran out and another instance took the item over, our saves
        // fail instead of overwriting its progress.
        builder.Property(w => w.LockedBy).HasMaxLength(64).IsConcurrencyToken();
    }
}
