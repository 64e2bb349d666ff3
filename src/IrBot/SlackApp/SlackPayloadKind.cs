namespace IrBot.SlackApp;

/// <summary>
/// What Slack delivers: the HTTP request URL it went to (<c>/slack/commands</c>, <c>/slack/interactivity</c>,
/// <c>/slack/events</c>) or the Socket Mode envelope type (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>).
/// </summary>
public enum SlackPayloadKind
{
    Command,
    Interaction,
    Event,
}
