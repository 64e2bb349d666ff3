using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants.Search;

public sealed record SearchResultsRequest(string ChannelId, string UserId, string DepartmentKey);
