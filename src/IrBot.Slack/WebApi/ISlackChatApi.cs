using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>Slack's <c>chat.*</c> methods (JSON bodies). Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.</summary>
public interface ISlackChatApi
{
    /// <summary>
    /// Posts a message to a channel, DM or thread.
    /// <see href="https://api.slack.com/methods/chat.postMessage">chat.postMessage</see>; rate limit: special
    /// (about one message per second per channel).
    /// </summary>
    [Post("/chat.postMessage")]
    Task<MessageResponse> PostMessageAsync([Body] ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Shows a message to one member of a channel only.
    /// <see href="https://api.slack.com/methods/chat.postEphemeral">chat.postEphemeral</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/chat.postEphemeral")]
    Task<MessageResponse> PostEphemeralAsync([Body] EphemeralMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces one of our messages; requires <see cref="ChatMessage.Ts"/>. Cannot change ephemeral messages (use their response_url).
    /// <see href="https://api.slack.com/methods/chat.update">chat.update</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/chat.update")]
    Task<MessageResponse> UpdateAsync([Body] ChatMessage message, CancellationToken cancellationToken = default);
}
