using IrBot.Slack;
using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>The command with the sub-command word removed from <see cref="Arguments"/>.</summary>
public sealed record CommandContext(SlashCommand Command, string Arguments)
{
    public string UserId => Command.UserId;
    public string ChannelId => Command.ChannelId;
}
