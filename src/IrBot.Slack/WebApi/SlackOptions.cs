using System.ComponentModel.DataAnnotations;

namespace IrBot.Slack.WebApi;

/// <summary>The <c>Slack</c> settings section.</summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string Section = "Slack";

    /// <summary>
    /// Verifies inbound HTTP requests (App settings → Basic Information → Signing Secret). Required unless
    /// <see cref="AppToken"/> is set: in Socket Mode nothing arrives over HTTP.
    /// </summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The bot token (<c>xoxb-…</c>) sent as a bearer token.</summary>
    [Required(ErrorMessage = "Slack:BotToken is required (the bot user OAuth token, xoxb-…).")]
    public string BotToken { get; set; } = string.Empty;

    /// <summary>
    /// The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>). When set, IR Bot receives commands,
    /// interactivity and events over Socket Mode and needs no public URL.
    /// </summary>
    public string AppToken { get; set; } = string.Empty;

    /// <summary>Socket Mode: ask Slack to refresh connections every few minutes (<c>debug_reconnects=true</c>), to try reconnects out.</summary>
    public bool SocketDebugReconnects { get; set; }

    [Required(ErrorMessage = "Slack:ApiBaseUrl is required.")]
    [Url(ErrorMessage = "Slack:ApiBaseUrl must be an absolute URL.")]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Pace calls to Slack's published rate limits (<see cref="SlackRateLimits"/>). On by default; the tests turn it off
    /// because their fake Slack has no limits and they post faster than one message a second to a channel.
    /// </summary>
    public bool Pacing { get; set; } = true;

    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SocketMode && !AppToken.Trim().StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return new ValidationResult(
                "Slack:AppToken must be an app-level token (xapp-…, scope connections:write), or empty for HTTP mode.",
                [nameof(AppToken)]);
        }

        if (!SocketMode && string.IsNullOrWhiteSpace(SigningSecret))
        {
            yield return new ValidationResult(
                "Slack:SigningSecret is required (the app's signing secret), unless Slack:AppToken is set for Socket Mode.",
                [nameof(SigningSecret)]);
        }
    }
}
