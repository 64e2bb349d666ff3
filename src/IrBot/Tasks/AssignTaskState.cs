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
    public bool JiraGaveUp { get; set; }
    public bool Unassigned { get; set; }
    public bool DmSent { get; set; }
    public bool DmShowsJira { get; set; }
    public string? JiraError { get; set; }
    public bool OwnerToldNoJira { get; set; }
    public bool OwnerToldUnassigned { get; set; }
}
