using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Tasks;

/// <summary>
/// "This reminder was sent for this period": one row per subject (a task, or the admin report) and
/// period start. Its unique key makes sending idempotent even if two schedulers fire at once.
/// </summary>
public sealed class ReminderClaim
{
    public long Id { get; set; }

    /// <summary><c>task:{id}</c> or <c>admin-report</c>.</summary>
    public required string Subject { get; set; }

    public DateTime PeriodStart { get; set; }
    public DateTime ClaimedAt { get; set; }
}

internal sealed class ReminderClaimConfiguration : IEntityTypeConfiguration<ReminderClaim>
{
    public void Configure(EntityTypeBuilder<ReminderClaim> builder)
    {
        builder.ToTable("task_reminders");
        builder.Property(c => c.Subject).HasMaxLength(40);
        builder.HasIndex(c => new { c.Subject, c.PeriodStart }).IsUnique();
    }
}
