using IrBot.Admin;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace IrBot.Participants;

public sealed class RulesReminderJob(ParticipantReminders reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.SendRulesAsync(cancellationToken, ReminderFiring.Of(context));
}
