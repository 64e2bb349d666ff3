namespace IrBot.Slack.WebApi;

/// <summary>conversations.create body.</summary>
public sealed record CreateConversation
{
    /// <summary>Lowercase letters, digits, <c>-</c> and <c>_</c>; at most 80 characters.</summary>
    public required string Name { get; init; }

    /// <summary>A private channel when true (Mattermost's <c>private</c>).</summary>
    public bool? IsPrivate { get; init; }
}

/// <summary>conversations.invite body.</summary>
public sealed record InviteToConversation
{
    public required string Channel { get; init; }
    /// <summary>Comma-separated user ids, at most 1000.</summary>
    public required string Users { get; init; }
}

/// <summary>conversations.kick body.</summary>
public sealed record KickFromConversation
{
    public required string Channel { get; init; }
    public required string User { get; init; }
}

/// <summary>conversations.setTopic body.</summary>
public sealed record SetConversationTopic
{
    public required string Channel { get; init; }
    /// <summary>At most 250 characters.</summary>
    public required string Topic { get; init; }
}

/// <summary>conversations.archive body.</summary>
public sealed record ArchiveConversation
{
    public required string Channel { get; init; }
}

/// <summary>conversations.open body.</summary>
public sealed record OpenConversation
{
    /// <summary>One user id for a DM.</summary>
    public required string Users { get; init; }
}

/// <summary>conversations.members form fields.</summary>
public sealed record ListConversationMembers
{
    public required string Channel { get; init; }
    /// <summary>From the previous page's <see cref="ResponseMetadata.NextCursor"/>; null for the first page.</summary>
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}

/// <summary>conversations.list form fields.</summary>
public sealed record ListConversations
{
    /// <summary>Comma-separated: <c>public_channel</c>, <c>private_channel</c>, <c>mpim</c>, <c>im</c>.</summary>
    public string? Types { get; init; }
    public bool? ExcludeArchived { get; init; }
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}

/// <summary>conversations.history form fields.</summary>
public sealed record ReadConversationHistory
{
    public required string Channel { get; init; }
    public int? Limit { get; init; }
    /// <summary>Include other apps' message metadata too (ours comes back either way).</summary>
    public bool? IncludeAllMetadata { get; init; }
}

/// <summary>conversations.replies form fields.</summary>
public sealed record ReadConversationReplies
{
    public required string Channel { get; init; }

    /// <summary>The thread's parent message (or any message in the thread); Slack answers <c>thread_not_found</c> for one that is not there.</summary>
    public required string Ts { get; init; }

    /// <summary>From the previous page's <see cref="ResponseMetadata.NextCursor"/>; null for the first page.</summary>
    public string? Cursor { get; init; }

    public int? Limit { get; init; }

    /// <summary>Include other apps' message metadata too (ours comes back either way).</summary>
    public bool? IncludeAllMetadata { get; init; }
}

/// <summary>conversations.setPurpose body.</summary>
public sealed record SetConversationPurpose
{
    public required string Channel { get; init; }

    /// <summary>At most 250 characters.</summary>
    public required string Purpose { get; init; }
}

/// <summary>conversations.info form fields.</summary>
public sealed record GetConversationInfo
{
    public required string Channel { get; init; }
}
