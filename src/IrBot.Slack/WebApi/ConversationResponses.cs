namespace IrBot.Slack.WebApi;

/// <summary>The answer of conversations.create / invite / setTopic / open.</summary>
public sealed record ConversationResponse : SlackResponse
{
    public Conversation? Channel { get; init; }
}

/// <summary>A channel, private channel or DM, with the fields IR Bot reads.</summary>
public sealed record Conversation
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>The user who created it.</summary>
    public string? Creator { get; init; }
    /// <summary>Unix seconds.</summary>
    public long? Created { get; init; }
    public bool? IsPrivate { get; init; }
    public bool? IsArchived { get; init; }
}

/// <summary>The answer of conversations.list (one page).</summary>
public sealed record ConversationListResponse : SlackResponse
{
    public IReadOnlyList<Conversation>? Channels { get; init; }
}

/// <summary>The answer of conversations.members (one page).</summary>
public sealed record MembersResponse : SlackResponse
{
    public IReadOnlyList<string>? Members { get; init; }
}

/// <summary>The answer of conversations.history, and of conversations.replies (one page of a thread, with its cursor).</summary>
public sealed record HistoryResponse : SlackResponse
{
    public IReadOnlyList<SlackMessage>? Messages { get; init; }
}
