using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Data;

/// <summary>The record that an <see cref="IDataFix"/> has run on this database, so it never runs again.</summary>
public sealed class AppliedDataFix
{
    public required string Name { get; set; }
    public DateTime AppliedAt { get; set; }
    public int RowsChanged { get; set; }
}

internal sealed class AppliedDataFixConfiguration : IEntityTypeConfiguration<AppliedDataFix>
{
    public void Configure(EntityTypeBuilder<AppliedDataFix> builder)
    {
        builder.ToTable("data_fixes");
        builder.HasKey(f => f.Name);
        builder.Property(f => f.Name).HasMaxLength(200);
    }
}
