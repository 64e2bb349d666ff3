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

public sealed record JoinWelcomeRequest(string SlackEventId, string? BotUserId);
