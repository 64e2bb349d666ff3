using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Incidents;

/// <summary>A major incident: one Slack channel, its roles and its links to the other systems.</summary>
public sealed class Incident
{
    public int Id { get; set; }

    /// <summary>Sequential and unique, what people call it: "incident 42".</summary>
    public int Number { get; set; }

    public required string Title { get; set; }
    public IncidentStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime OpenedAt { get; set; }

    /// <summary>When a commander was first set: the incident's acknowledgement, for MTTA.</summary>
    public DateTime? AcknowledgedAt { get; set; }

    /// <summary>When the archive completed (or the channel was archived by hand): resolved, for MTTR.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>Set once the channel exists; unique among incidents.</summary>
    public string? ChannelId { get; set; }
    public string? ChannelName { get; set; }

    public string? CommanderId { get; set; }
    public string? ScribeId { get; set; }

    public string? ConfluencePageId { get; set; }
    public string? ConfluencePageUrl { get; set; }
    public string? TheHiveCaseId { get; set; }
    public int? TheHiveCaseNumber { get; set; }
    public string? TheHiveCaseUrl { get; set; }

    /// <summary>Where the requester was when they asked, for progress messages.</summary>
    public string? RequestChannelId { get; set; }

    public string? ResolutionStatus { get; set; }
    public string? ImpactStatus { get; set; }
    public string? Summary { get; set; }

    public bool IsLive => LiveIncident.Is(this);
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => i.ChannelId).IsUnique();
        builder.HasIndex(i => i.Status);
        builder.HasIndex(i => i.OpenedAt);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.ChannelName).HasMaxLength(80);
        builder.Property(i => i.Summary).HasMaxLength(3000);
    }
}
