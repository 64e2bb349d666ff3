using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>
/// The Slack Web API methods IR Bot uses. Write methods take JSON; read methods take form fields
/// (Slack's read methods do not accept JSON). Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.
/// </summary>
public interface ISlackApi
{
    [Post("/auth.test")]
    Task<AuthTestResponse> AuthTestAsync(CancellationToken cancellationToken = default);

    [Post("/chat.postMessage")]
    Task<MessageResponse> PostMessageAsync([Body] ChatMessage message, CancellationToken cancellationToken = default);

    [Post("/chat.postEphemeral")]
    Task<MessageResponse> PostEphemeralAsync([Body] EphemeralMessage message, CancellationToken cancellationToken = default);

    /// <summary>Requires <see cref="ChatMessage.Ts"/>. Cannot change ephemeral messages (use their response_url).</summary>
    [Post("/chat.update")]
    Task<MessageResponse> UpdateMessageAsync([Body] ChatMessage message, CancellationToken cancellationToken = default);

    [Post("/chat.getPermalink")]
    Task<PermalinkResponse> GetPermalinkAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    [Post("/conversations.create")]
    Task<ConversationResponse> CreateConversationAsync([Body] CreateConversation request, CancellationToken cancellationToken = default);

    [Post("/conversations.invite")]
    Task<ConversationResponse> InviteAsync([Body] InviteToConversation request, CancellationToken cancellationToken = default);

    [Post("/conversations.kick")]
    Task<SlackResponse> KickAsync([Body] KickFromConversation request, CancellationToken cancellationToken = default);

    [Post("/conversations.setTopic")]
    Task<ConversationResponse> SetTopicAsync([Body] SetConversationTopic request, CancellationToken cancellationToken = default);

    [Post("/conversations.archive")]
    Task<SlackResponse> ArchiveAsync([Body] ChannelRequest request, CancellationToken cancellationToken = default);

    /// <summary>Opens (or finds) the DM with one user; its id is the channel to post to.</summary>
    [Post("/conversations.open")]
    Task<ConversationResponse> OpenConversationAsync([Body] OpenConversation request, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>channel</c>.</summary>
    [Post("/conversations.info")]
    Task<ConversationResponse> ConversationInfoAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>channel</c>, <c>cursor</c>, <c>limit</c>.</summary>
    [Post("/conversations.members")]
    Task<MembersResponse> ConversationMembersAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>types</c>, <c>exclude_archived</c>, <c>cursor</c>, <c>limit</c>.</summary>
    [Post("/conversations.list")]
    Task<ConversationListResponse> ListConversationsAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>channel</c>, <c>limit</c>, <c>include_all_metadata</c>.</summary>
    [Post("/conversations.history")]
    Task<HistoryResponse> HistoryAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>user</c>.</summary>
    [Post("/users.info")]
    Task<UserResponse> UserInfoAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>cursor</c>, <c>limit</c>.</summary>
    [Post("/users.list")]
    Task<UsersListResponse> ListUsersAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>user</c>. Carries custom profile fields.</summary>
    [Post("/users.profile.get")]
    Task<ProfileResponse> GetProfileAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    /// <summary>Form: <c>usergroup</c>.</summary>
    [Post("/usergroups.users.list")]
    Task<UserGroupUsersResponse> UserGroupUsersAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken = default);

    [Post("/views.open")]
    Task<ViewResponse> OpenViewAsync([Body] OpenView request, CancellationToken cancellationToken = default);

    [Post("/views.update")]
    Task<ViewResponse> UpdateViewAsync([Body] UpdateView request, CancellationToken cancellationToken = default);

    [Post("/views.push")]
    Task<ViewResponse> PushViewAsync([Body] OpenView request, CancellationToken cancellationToken = default);
}
