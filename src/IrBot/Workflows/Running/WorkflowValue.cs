using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Workflows.Running;

/// <summary>
/// A value an instance's templates can read: <c>{{.Action.{Action}.{Name}}}</c>. Action outputs
/// (<c>ChannelName</c>, and <c>ChannelId</c> for our own lookups) and field values chosen in posts, with who chose them.
/// </summary>
public sealed class WorkflowValue
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string Action { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }

    /// <summary>For field values: the Slack user who chose it.</summary>
    public string? ChosenBy { get; set; }
    public DateTime SetAt { get; set; }

    public const string ChannelName = "ChannelName";
    public const string ChannelId = "ChannelId";
}

internal sealed class WorkflowValueConfiguration : IEntityTypeConfiguration<WorkflowValue>
{
    public void Configure(EntityTypeBuilder<WorkflowValue> builder)
    {
        builder.ToTable("workflow_values");
        builder.HasIndex(v => new { v.InstanceId, v.Action, v.Name }).IsUnique();
        builder.Property(v => v.Action).HasMaxLength(200);
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.Value).HasMaxLength(2000);
        builder.Property(v => v.ChosenBy).HasMaxLength(32);
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(v => v.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
