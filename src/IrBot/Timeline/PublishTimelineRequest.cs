using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Integrations;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace IrBot.Timeline;

public sealed record PublishTimelineRequest(int IncidentId, string RequestedBy);
