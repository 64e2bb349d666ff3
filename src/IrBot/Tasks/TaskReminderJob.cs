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
using Quartz;

namespace IrBot.Tasks;

/// <summary>The Quartz job; the work is in <see cref="TaskReminders"/>.</summary>
public sealed class TaskReminderJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TaskReminders>().SendAsync(cancellationToken);
    }
}
