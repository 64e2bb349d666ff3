using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants.Search;

/// <summary>The Invite button of the search results: adds the person and tells the channel who asked.</summary>
public sealed class InviteAction(ISlackChatApi chat, ISlackConversationsApi conversations, IncidentAccess access, ClickerReplies replies) : IBlockActionHandler
{
    public const string Id = "participants_invite";

    public static string ActionId => Id;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var clicker = payload.User?.Id;
        var channel = payload.Channel?.Id ?? payload.Container?.ChannelId;
        var invitee = action.Value;
        if (clicker is null || channel is null || string.IsNullOrEmpty(invitee))
        {
            return;
        }

        var check = await access.LiveIncidentToLeadAsync(channel, clicker, SearchRules.Refusal, cancellationToken);
        if (!check.IsAllowed)
        {
            await replies.TellAsync(payload, check.Refusal, cancellationToken);
            return;
        }

        try
        {
            await conversations.InviteAsync(new InviteToConversation { Channel = channel, Users = invitee }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "already_in_channel")
        {
            await replies.TellAsync(payload, $"{SlackMentions.User(invitee)} is already in this channel.", cancellationToken);
            return;
        }
        catch (SlackApiException ex)
        {
            await replies.TellAsync(payload, $":warning: Could not invite {SlackMentions.User(invitee)}: `{ex.Error}`.", cancellationToken);
            return;
        }

        await chat.PostMessageAsync(new ChatMessage { Channel = channel, Text = ParticipantMessages.InvitedToHelp(invitee, clicker) }, cancellationToken);
    }
}
