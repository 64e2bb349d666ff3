using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.AppHome;

/// <summary>Someone who opened the Home tab: whose tab to republish when what it shows changes.</summary>
public sealed class AppHomeViewer
{
    public required string UserId { get; set; }
    public DateTime LastOpenedAt { get; set; }
}

internal sealed class AppHomeViewerConfiguration : IEntityTypeConfiguration<AppHomeViewer>
{
    public void Configure(EntityTypeBuilder<AppHomeViewer> builder)
    {
        builder.ToTable("app_home_viewers");
        builder.HasKey(v => v.UserId);
        builder.Property(v => v.UserId).HasMaxLength(20);
        builder.HasIndex(v => v.LastOpenedAt);
    }
}
