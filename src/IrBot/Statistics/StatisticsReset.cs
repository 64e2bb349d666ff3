using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Statistics;

/// <summary>A reset of the statistics: they count from <see cref="ResetAt"/>. Nothing is deleted; the latest reset wins.</summary>
public sealed class StatisticsReset
{
    public int Id { get; set; }
    public required string ResetBy { get; set; }
    public DateTime ResetAt { get; set; }
}

internal sealed class StatisticsResetConfiguration : IEntityTypeConfiguration<StatisticsReset>
{
    public void Configure(EntityTypeBuilder<StatisticsReset> builder)
    {
        builder.ToTable("statistics_resets");
        builder.Property(r => r.ResetBy).HasMaxLength(20);
        builder.HasIndex(r => r.ResetAt);
    }
}
