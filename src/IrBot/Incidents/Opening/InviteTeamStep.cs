using IrBot.IrTeam;
using IrBot.SlackApp;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents.Opening;

/// <summary>Invites every IR team member and the requester, one by one so that one bad id does not block the rest.</summary>
public sealed class InviteTeamStep(ISlackConversationsApi conversations, IrTeamDirectory irTeam, BotIdentity bot, ILogger<InviteTeamStep> logger) : IOpeningStep
{
    // Errors that mean "nothing more to do for this person".
    private static readonly HashSet<string> Harmless = ["already_in_channel", "cant_invite_self"];

    // Errors about the channel, not the person: the step fails and is retried.
    private static readonly HashSet<string> ChannelProblems = ["channel_not_found", "is_archived", "not_in_channel", "ratelimited", "invalid_auth", "not_authed", "missing_scope"];

    public string Name => "invite-team";
    public string Description => "IR team invited";
    public int Order => 30;
    public bool Required => false;
    public bool IsEnabled => true;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var channel = context.Incident.ChannelId ?? throw new InvalidOperationException("The channel does not exist yet");
        var botUserId = await bot.UserIdAsync(cancellationToken);
        var people = (await irTeam.MembersAsync(cancellationToken))
            .Append(context.Incident.RequestedBy)
            .Where(u => u != botUserId)
            .Distinct()
            .Order(StringComparer.Ordinal);

        foreach (var user in people)
        {
            try
            {
                await conversations.InviteAsync(new InviteToConversation { Channel = channel, Users = user }, cancellationToken);
            }
            catch (SlackApiException ex) when (Harmless.Contains(ex.Error))
            {
            }
            catch (SlackApiException ex) when (!ChannelProblems.Contains(ex.Error))
            {
                // One person who cannot be invited (stale id, guest, channel limit) must not keep the rest
                // of the team out; say so and go on. Problems with the channel itself are retried.
                logger.LogWarning("Could not invite {UserId} to {Channel}: {Error}", user, channel, ex.Error);
            }
        }
    }
}
