using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using IrBot.Incidents;

namespace IrBot.Roles;

public enum IncidentRole
{
    Commander,
    Scribe,
}

/// <summary>One handover: who held the role before (null: nobody), who holds it now, who decided.</summary>
public sealed class RoleChange
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public IncidentRole Role { get; set; }
    public string? PreviousUserId { get; set; }
    public required string NewUserId { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime ChangedAt { get; set; }
}

internal sealed class RoleChangeConfiguration : IEntityTypeConfiguration<RoleChange>
{
    public void Configure(EntityTypeBuilder<RoleChange> builder)
    {
        builder.ToTable("role_changes");
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId);
        builder.HasIndex(r => new { r.IncidentId, r.ChangedAt });
    }
}
