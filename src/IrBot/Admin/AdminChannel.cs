using IrBot.Slack.BlockKit;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Admin;

/// <summary>Posts to the IR admin channel (<c>IrBot:AdminChannelId</c>); without one, only logs.</summary>
public sealed class AdminChannel(ISlackChatApi chat, ISlackConversationsApi conversations, IOptionsMonitor<IrBotOptions> options, ILogger<AdminChannel> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.AdminChannelId);

    public async Task PostAsync(string text, IReadOnlyList<Block>? blocks = null, CancellationToken cancellationToken = default)
    {
        var channel = options.CurrentValue.AdminChannelId;
        if (string.IsNullOrWhiteSpace(channel))
        {
            logger.LogInformation("No admin channel configured; would have posted: {Text}", text);
            return;
        }

        await chat.PostMessageAsync(new ChatMessage { Channel = channel, Text = text, Blocks = blocks }, cancellationToken);
    }

    /// <summary>
    /// The ts of the newest message in the admin channel tagged <paramref name="tag"/> (<see cref="TaggedPost"/>), or null;
    /// null too when there is no admin channel or its history cannot be read (then a report goes out rather than none).
    /// </summary>
    public async Task<string?> FindAsync(MessageMetadata tag, CancellationToken cancellationToken)
    {
        var channel = options.CurrentValue.AdminChannelId;
        if (string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        try
        {
            return await TaggedPost.FindAsync(conversations, channel, tag, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation("Could not read the admin channel's history: {Error}", ex.Error);
            return null;
        }
    }

    /// <summary>As <see cref="FindAsync"/>, but a history that cannot be read throws, for a caller that tries again.</summary>
    public async Task<string?> FindOrThrowAsync(MessageMetadata tag, CancellationToken cancellationToken)
    {
        var channel = options.CurrentValue.AdminChannelId;
        return string.IsNullOrWhiteSpace(channel) ? null : await TaggedPost.FindAsync(conversations, channel, tag, cancellationToken);
    }

    /// <summary>Posts to the admin channel once: unless a message tagged <paramref name="tag"/> is there already (a lost answer, a retry).</summary>
    public async Task PostOnceAsync(string text, MessageMetadata tag, IReadOnlyList<Block>? blocks = null, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(tag, cancellationToken) is null)
        {
            await PostTaggedAsync(text, tag, blocks, cancellationToken);
        }
    }

    /// <summary>Posts to the admin channel tagged <paramref name="tag"/>, so that <see cref="FindAsync"/> finds it later.</summary>
    public async Task PostTaggedAsync(string text, MessageMetadata tag, IReadOnlyList<Block>? blocks = null, CancellationToken cancellationToken = default)
    {
        var channel = options.CurrentValue.AdminChannelId;
        if (string.IsNullOrWhiteSpace(channel))
        {
            logger.LogInformation("No admin channel configured; would have posted: {Text}", text);
            return;
        }

        await chat.PostMessageAsync(new ChatMessage { Channel = channel, Text = text, Blocks = blocks, Metadata = tag }, cancellationToken);
    }
}
