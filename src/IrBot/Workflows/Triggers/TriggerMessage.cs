namespace IrBot.Workflows.Triggers;

/// <summary>
/// A channel message as triggers see it. <see cref="TeamNames"/> holds every name the workspace answers
/// to (name, domain); <see cref="ChannelName"/> is the Slack channel name, <see cref="ChannelId"/> its id.
/// </summary>
public sealed record TriggerMessage(string Text, IReadOnlyCollection<string> TeamNames, string ChannelName, string ChannelId);
