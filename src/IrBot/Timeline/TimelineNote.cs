using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using IrBot.Incidents;

namespace IrBot.Timeline;

/// <summary>One timeline entry: who, when (UTC), what. Published to the incident's Confluence page.</summary>
public sealed class TimelineNote
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>For notes taken from a Slack message: its ts, so the same message is one note.</summary>
    public string? SourceMessageTs { get; set; }

    public bool Deleted { get; set; }

    /// <summary>When this note's current text reached Confluence; null or older than UpdatedAt: not yet.</summary>
    public DateTime? PublishedAt { get; set; }
}

internal sealed class TimelineNoteConfiguration : IEntityTypeConfiguration<TimelineNote>
{
    public void Configure(EntityTypeBuilder<TimelineNote> builder)
    {
        builder.ToTable("timeline_notes");
        builder.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId);
        builder.HasIndex(n => new { n.IncidentId, n.SourceMessageTs }).IsUnique();
        builder.HasIndex(n => new { n.IncidentId, n.OccurredAt });
    }
}
