using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Steps;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants.Search;

/// <summary>
/// The Invite button of the search results: adds the person and tells the channel who asked, once per click: the
/// announcement is tagged with the click, so a retry after a lost answer finds it in the channel's history.
/// </summary>
public sealed class InviteAction(ISlackChatApi chat, ISlackConversationsApi conversations, IncidentAccess access, ClickerReplies replies) : IBlockActionHandler
{
    public const string Id = "participants_invite";

    public const string MetadataEventType = "irbot_invited";

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

        var tag = TaggedMessages.Tag(check.Incident!, MetadataEventType, $"{invitee}-{action.ActionTs ?? payload.TriggerId}");
        try
        {
            await conversations.InviteAsync(new InviteToConversation { Channel = channel, Users = invitee }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "already_in_channel")
        {
            // A retry of this click after a lost answer: invited and announced already.
            if (await TaggedPost.FindAsync(conversations, channel, tag, cancellationToken) is null)
            {
                await replies.TellAsync(payload, $"{SlackMentions.User(invitee)} is already in this channel.", cancellationToken);
            }

            return;
        }
        catch (SlackApiException ex)
        {
            await replies.TellAsync(payload, $":warning: Could not invite {SlackMentions.User(invitee)}: `{ex.Error}`.", cancellationToken);
            return;
        }

        // Invited just now, so no earlier try of this click got as far as the announcement: nothing to look for first.
        await TaggedPost.PostOnceAsync(chat, conversations, new ChatMessage { Channel = channel, Text = ParticipantMessages.InvitedToHelp(invitee, clicker) }, tag, cancellationToken, lookFirst: false);
    }
}
