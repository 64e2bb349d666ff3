using IrBot.Incidents;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

public sealed record AssignTaskRequest(int TaskId);
