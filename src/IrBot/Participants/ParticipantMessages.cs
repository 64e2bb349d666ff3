using System.Globalization;
using IrBot.Incidents;
using IrBot.Slack.Payloads;

namespace IrBot.Participants;

/// <summary>What the participants feature says in Slack.</summary>
public static class ParticipantMessages
{
    public static string Channel(Incident incident) =>
        incident.ChannelId is null ? $"#{incident.ChannelName}" : $"<#{incident.ChannelId}>";

    public static string Joined(string userId, string? inviterId) =>
        inviterId is null
            ? $":wave: {SlackMentions.User(userId)} joined the channel."
            : $":wave: {SlackMentions.User(userId)} joined, invited by {SlackMentions.User(inviterId)}.";

    public static string NeedToKnow(Incident incident, string invitedId) =>
        $":lock: You invited {SlackMentions.User(invitedId)} to {Channel(incident)} ({SlackMentions.Escape(IncidentMessages.Name(incident))}). " +
        $"Membership of this channel is need-to-know: please check with the incident commander ({IncidentMessages.Role(incident.CommanderId)}) before inviting anyone else.";

    public static string Rules(Incident incident, string rules) =>
        $"You are in {Channel(incident)} — {SlackMentions.Escape(IncidentMessages.Name(incident))}.\n\n{rules}";

    public static string Dwell(Incident incident, int hours) =>
        $":hourglass: You have been in {Channel(incident)} ({SlackMentions.Escape(IncidentMessages.Name(incident))}) for {Hours(hours)}. " +
        "If your help is no longer needed, please leave the channel. Thank you!";

    public static string Kicked(Incident? incident, string channelId) =>
        $"You have been removed from {(incident is null ? $"<#{channelId}>" : Channel(incident))}: the channel is need-to-know and your help is no longer needed there. Thank you for your help!";

    public static string InvitedToHelp(string userId, string byUserId) =>
        $":handshake: {SlackMentions.User(userId)} was invited to help by {SlackMentions.User(byUserId)}.";

    public static string Hours(int hours) => hours == 1 ? "1 hour" : hours.ToString(CultureInfo.InvariantCulture) + " hours";
}
