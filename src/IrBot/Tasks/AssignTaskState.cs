using IrBot.Incidents;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

public sealed class AssignTaskState
{
    public bool CreateAttempted { get; set; }

    /// <summary>When the latest create was sent: its issue may take a while to show in search.</summary>
    public DateTime? CreateAttemptedAt { get; set; }

    /// <summary>A create followed one whose answer was lost: look once more, later, for a duplicate.</summary>
    public DateTime? CheckDuplicatesAt { get; set; }
    public bool JiraGaveUp { get; set; }
    public bool Unassigned { get; set; }
    /// <summary>The first card was about to be posted: after a lost answer it may be in the DM already.</summary>
    public bool DmAttempted { get; set; }
    public bool DmSent { get; set; }
    public bool DmShowsJira { get; set; }
    public string? JiraError { get; set; }
    public bool OwnerToldNoJira { get; set; }
    public bool OwnerToldUnassigned { get; set; }

    /// <summary>The replies to the owner that were about to be posted: after a lost answer they may be in the thread already.</summary>
    public HashSet<string> RepliesBegun { get; set; } = [];

    /// <summary>The new issue was moved to the task's status (started or resolved before the issue existed).</summary>
    public bool StatusCaughtUp { get; set; }
}
