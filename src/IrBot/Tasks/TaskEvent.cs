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

public enum TaskEvent
{
    Started,
    Commented,
    Resolved,
}
