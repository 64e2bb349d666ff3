using System.Text;
using IrBot.Admin;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Integrations;
using IrBot.Integrations.Jira;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using IrBot.Scheduling;
using Quartz;

namespace IrBot.Tasks;

/// <summary>The reminder period, from <c>Schedules:TaskReminders</c> (a cron schedule counts as the default 30 minutes).</summary>
public sealed record TaskReminderPeriod(TimeSpan Value)
{
    public const string ScheduleName = "TaskReminders";
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(30);

    public static TaskReminderPeriod From(IConfiguration configuration) =>
        new(Schedule.Read(configuration, ScheduleName, Default).Period ?? Default);
}
