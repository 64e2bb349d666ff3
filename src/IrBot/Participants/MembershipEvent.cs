using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using IrBot.Incidents;

namespace IrBot.Participants;

public enum MembershipKind
{
    Joined,
    Left,
}

/// <summary>Someone entered or left an incident channel. Stored first; Sumo Logic gets it after.</summary>
public sealed class MembershipEvent
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public required string UserId { get; set; }
    public MembershipKind Kind { get; set; }
    public string? InviterId { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The Slack event that told us, so a retried delivery cannot record it twice.</summary>
    public string? SlackEventId { get; set; }

    public DateTime? SentToSumoAt { get; set; }
}

internal sealed class MembershipEventConfiguration : IEntityTypeConfiguration<MembershipEvent>
{
    public void Configure(EntityTypeBuilder<MembershipEvent> builder)
    {
        builder.ToTable("membership_events");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Incident>().WithMany().HasForeignKey(m => m.IncidentId);
        builder.HasIndex(m => m.SlackEventId).IsUnique();
        builder.HasIndex(m => new { m.IncidentId, m.UserId, m.OccurredAt });
    }
}
