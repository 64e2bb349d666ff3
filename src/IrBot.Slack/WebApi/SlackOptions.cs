using System.ComponentModel.DataAnnotations;

namespace IrBot.Slack.WebApi;

/// <summary>The <c>Slack</c> settings section.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Verifies inbound requests (App settings → Basic Information → Signing Secret).</summary>
    [Required(ErrorMessage = "Slack:SigningSecret is required (the app's signing secret).")]
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The bot token (<c>xoxb-…</c>) sent as a bearer token.</summary>
    [Required(ErrorMessage = "Slack:BotToken is required (the bot user OAuth token, xoxb-…).")]
    public string BotToken { get; set; } = string.Empty;

    [Required(ErrorMessage = "Slack:ApiBaseUrl is required.")]
    [Url(ErrorMessage = "Slack:ApiBaseUrl must be an absolute URL.")]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Pace calls to Slack's published rate limits (<see cref="SlackRateLimits"/>). On by default; the tests turn it off
    /// because their fake Slack has no limits and they post faster than one message a second to a channel.
    /// </summary>
    public bool Pacing { get; set; } = true;
}
