using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Roles;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Participants;

public sealed class MemberJoinedHandler(IrBotDbContext db, WorkQueue work, TimeProvider time, SumoLogicSender sumo)
    : MembershipEventHandler(db, work, time, sumo), ISlackEventHandler
{
    public static string EventType => "member_joined_channel";
    protected override MembershipKind Kind => MembershipKind.Joined;
}
