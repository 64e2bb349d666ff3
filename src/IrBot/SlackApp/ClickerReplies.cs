using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using IrBot.Integrations;

namespace IrBot.SlackApp;

/// <summary>
/// An ephemeral answer to whoever clicked or used a shortcut: through the payload's response_url, else
/// chat.postEphemeral where they were (in the thread, for a thread message), else (a click in the Home tab or a
/// modal, which carry neither) a DM from the bot. A lost answer is logged, not retried: the work it confirms is
/// already stored.
/// </summary>
public sealed class ClickerReplies(ISlackChatApi chat, ISlackConversationsApi conversations, SlackResponseUrlClient responseUrl, ILogger<ClickerReplies> logger)
{
    public async Task TellAsync(InteractionPayload payload, string text, CancellationToken cancellationToken)
    {
        try
        {
            if (payload.ResponseUrl is { Length: > 0 } url)
            {
                await responseUrl.SendAsync(url, ResponseUrlMessage.Ephemeral(text), cancellationToken);
                return;
            }

            if (payload.User?.Id is not { } user)
            {
                return;
            }

            if ((payload.Channel?.Id ?? payload.Container?.ChannelId) is { } channel)
            {
                await chat.PostEphemeralAsync(new EphemeralMessage { Channel = channel, User = user, Text = text, ThreadTs = payload.Message?.ThreadTs }, cancellationToken);
                return;
            }

            // No channel to be ephemeral in: the bot's DM with them (the app's Messages tab) is where they will see it.
            await chat.PostMessageAsync(new ChatMessage { Channel = await conversations.OpenDmAsync(user, cancellationToken), Text = text }, cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            logger.LogWarning("Could not answer the clicker: {Error}", ex.Message);
        }
    }
}
