using System.Text.Json;
using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

public sealed record SlackEventContext(string EventId, SlackEvent Event, JsonElement Raw, string? BotUserId);
