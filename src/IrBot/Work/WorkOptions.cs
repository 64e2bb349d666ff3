using System.ComponentModel.DataAnnotations;

namespace IrBot.Work;

/// <summary>The <c>Work</c> settings section: how background work is claimed and retried.</summary>
public sealed class WorkOptions
{
    public const string Section = "Work";

    /// <summary>
    /// How long a claimed item is ours without a renewal. It is renewed every third of this while the
    /// handler runs, so it only bounds how long another instance waits after this one died.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Work:LeaseSeconds must be between 1 and 3600.")]
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>
    /// This process's stable name among the replicas (default: the machine name, i.e. the pod or container
    /// name). A restart under the same name takes back its own leased work at once, so two live replicas
    /// must never share one; a duplicate is detected and refused (see <see cref="WorkInstance"/>).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._:-]{1,50}$", ErrorMessage = "Work:InstanceId must be 1 to 50 letters, digits, '.', '_', ':' or '-'.")]
    public string? InstanceId { get; set; }

    [Range(1, 3600, ErrorMessage = "Work:PollSeconds must be between 1 and 3600.")]
    public int PollSeconds { get; set; } = 5;

    [Range(1, 1000, ErrorMessage = "Work:MaxAttempts must be between 1 and 1000.")]
    public int MaxAttempts { get; set; } = 30;

    /// <summary>Backoff cap between failed attempts.</summary>
    [Range(1, 86400, ErrorMessage = "Work:MaxBackoffSeconds must be between 1 and 86400.")]
    public int MaxBackoffSeconds { get; set; } = 600;

    [Range(1, 32, ErrorMessage = "Work:Concurrency must be between 1 and 32.")]
    public int Concurrency { get; set; } = 4;
}
