using IrBot.Slack.BlockKit;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Admin;

/// <summary>Posts to the IR admin channel (<c>IrBot:AdminChannelId</c>); without one, only logs.</summary>
public sealed class AdminChannel(ISlackChatApi chat, IOptionsMonitor<IrBotOptions> options, ILogger<AdminChannel> logger)
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
}
