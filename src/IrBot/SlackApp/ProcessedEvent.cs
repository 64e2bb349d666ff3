using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.SlackApp;

/// <summary>An Events API delivery we accepted; the unique <see cref="EventId"/> makes Slack's retries no-ops.</summary>
public sealed class ProcessedEvent
{
    public required string EventId { get; set; }
    public required string EventType { get; set; }
    public DateTime ReceivedAt { get; set; }
}

internal sealed class ProcessedEventConfiguration : IEntityTypeConfiguration<ProcessedEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedEvent> builder)
    {
        builder.ToTable("processed_events");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(64);
        builder.Property(e => e.EventType).HasMaxLength(64);
    }
}
