using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Work;

/// <summary>
/// One row per <c>Work:InstanceId</c>: which life of that instance (a random nonce per boot) is running
/// and when it last beat. A restart under the same id sees its previous life's row stop beating and takes
/// back that life's leased work at once; a row that keeps beating under another nonce is a second live
/// process with our id, which is refused.
/// </summary>
public sealed class WorkInstance
{
    public required string Id { get; set; }
    public required string BootNonce { get; set; }
    public required string Machine { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime HeartbeatAt { get; set; }

    /// <summary>Set on a graceful stop: the next start need not wait to see whether this life is still beating.</summary>
    public DateTime? StoppedAt { get; set; }
}

internal sealed class WorkInstanceConfiguration : IEntityTypeConfiguration<WorkInstance>
{
    public void Configure(EntityTypeBuilder<WorkInstance> builder)
    {
        builder.ToTable("work_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(64);
        builder.Property(i => i.BootNonce).HasMaxLength(16);
        builder.Property(i => i.Machine).HasMaxLength(128);
    }
}
