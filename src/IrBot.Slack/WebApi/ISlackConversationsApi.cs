using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Slack's <c>conversations.*</c> methods. Writes take JSON; reads take form fields (Slack's read methods do
/// not accept JSON). Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.
/// </summary>
public interface ISlackConversationsApi
{
    /// <summary>
    /// Creates a channel; the bot is its first member.
    /// <see href="https://api.slack.com/methods/conversations.create">conversations.create</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/conversations.create")]
    Task<ConversationResponse> CreateAsync([Body] CreateConversation request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds members to a channel the bot is in.
    /// <see href="https://api.slack.com/methods/conversations.invite">conversations.invite</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/conversations.invite")]
    Task<ConversationResponse> InviteAsync([Body] InviteToConversation request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a member from a channel the bot is in.
    /// <see href="https://api.slack.com/methods/conversations.kick">conversations.kick</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/conversations.kick")]
    Task<SlackResponse> KickAsync([Body] KickFromConversation request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a channel's topic.
    /// <see href="https://api.slack.com/methods/conversations.setTopic">conversations.setTopic</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/conversations.setTopic")]
    Task<ConversationResponse> SetTopicAsync([Body] SetConversationTopic request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a channel's purpose (its description).
    /// <see href="https://api.slack.com/methods/conversations.setPurpose">conversations.setPurpose</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/conversations.setPurpose")]
    Task<ConversationResponse> SetPurposeAsync([Body] SetConversationPurpose request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One channel: its name, whether it is private or archived.
    /// <see href="https://api.slack.com/methods/conversations.info">conversations.info</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/conversations.info")]
    Task<ConversationResponse> InfoAsync([Body(BodySerializationMethod.UrlEncoded)] GetConversationInfo request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Archives a channel.
    /// <see href="https://api.slack.com/methods/conversations.archive">conversations.archive</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/conversations.archive")]
    Task<SlackResponse> ArchiveAsync([Body] ArchiveConversation request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens (or finds) the DM with one user; its id is the channel to post to.
    /// <see href="https://api.slack.com/methods/conversations.open">conversations.open</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/conversations.open")]
    Task<ConversationResponse> OpenAsync([Body] OpenConversation request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a channel's member ids.
    /// <see href="https://api.slack.com/methods/conversations.members">conversations.members</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/conversations.members")]
    Task<MembersResponse> MembersAsync([Body(BodySerializationMethod.UrlEncoded)] ListConversationMembers request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the workspace's channels.
    /// <see href="https://api.slack.com/methods/conversations.list">conversations.list</see>; rate limit: Tier 2.
    /// </summary>
    [Post("/conversations.list")]
    Task<ConversationListResponse> ListAsync([Body(BodySerializationMethod.UrlEncoded)] ListConversations request, CancellationToken cancellationToken = default);

    /// <summary>
    /// A channel's latest messages, newest first.
    /// <see href="https://api.slack.com/methods/conversations.history">conversations.history</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/conversations.history")]
    Task<HistoryResponse> HistoryAsync([Body(BodySerializationMethod.UrlEncoded)] ReadConversationHistory request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a thread, oldest first: the parent, then its replies (conversations.history shows only parents).
    /// <see href="https://api.slack.com/methods/conversations.replies">conversations.replies</see>; rate limit: Tier 3.
    /// Needs the history scope of the conversation's type (<c>im:history</c> for a DM).
    /// </summary>
    [Post("/conversations.replies")]
    Task<HistoryResponse> RepliesAsync([Body(BodySerializationMethod.UrlEncoded)] ReadConversationReplies request, CancellationToken cancellationToken = default);
}

public static class SlackConversationsExtensions
{
    /// <summary>The id of the bot's DM with <paramref name="userId"/> (<c>conversations.open</c>; the same DM each time).</summary>
    public static async Task<string> OpenDmAsync(this ISlackConversationsApi conversations, string userId, CancellationToken cancellationToken) =>
        (await conversations.OpenAsync(new OpenConversation { Users = userId }, cancellationToken)).Channel?.Id
            ?? throw new InvalidOperationException("conversations.open returned no channel");
}
