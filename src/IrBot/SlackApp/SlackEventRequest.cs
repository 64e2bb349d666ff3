namespace IrBot.SlackApp;

/// <summary>The queued form of an accepted event (the payload of <see cref="SlackEventWork"/>).</summary>
public sealed record SlackEventRequest(string EventId, string EventJson, string? BotUserId);
