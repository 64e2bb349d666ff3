using IrBot.Incidents;
using IrBot.Admin;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

public sealed class TaskEventState
{
    public bool DmUpdated { get; set; }
    public bool AdminTold { get; set; }
    public bool OwnerConfirmed { get; set; }

    /// <summary>The owner's confirmation was about to be posted: after a lost answer it may be in the thread already.</summary>
    public bool OwnerConfirmBegun { get; set; }
    public bool JiraCommented { get; set; }

    /// <summary>The Jira comment was sent at least once (its answer may have been lost).</summary>
    public bool JiraCommentTried { get; set; }
    public bool JiraDone { get; set; }
}
