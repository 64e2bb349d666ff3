using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Workflows.Sets;

/// <summary>
/// One upload of the whole workflow file. Exactly one version is active (the set that triggers run);
/// earlier ones are kept for <c>/irbot workflow history</c> and <c>rollback</c>, and because running
/// instances keep the definitions they started with.
/// </summary>
public sealed class WorkflowSetVersion
{
    public int Id { get; set; }

    /// <summary>The file exactly as uploaded.</summary>
    public required string Json { get; set; }

    /// <summary>The Slack user id of who uploaded it; <see cref="FileSource"/> for <c>Workflows:File</c>.</summary>
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
    public bool IsActive { get; set; }

    /// <summary>How it came: <c>upload</c>, <c>rollback</c> (of version N) or <c>file</c>.</summary>
    public required string Source { get; set; }

    /// <summary>What changed against the version it replaced, for the log, the admin channel and history.</summary>
    public required string Changes { get; set; }

    public const string FileSource = "Workflows:File";
}

internal sealed class WorkflowSetVersionConfiguration : IEntityTypeConfiguration<WorkflowSetVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowSetVersion> builder)
    {
        builder.ToTable("workflow_set_versions");
        builder.HasIndex(v => v.IsActive);
        builder.Property(v => v.UploadedBy).HasMaxLength(32);
        builder.Property(v => v.Source).HasMaxLength(300);
        builder.Property(v => v.Changes).HasMaxLength(2000);
    }
}
