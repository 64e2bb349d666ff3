using IrBot.Slack;
using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>
/// One <c>/irbot</c> sub-command (or a top-level command such as <c>/note</c>). Registered explicitly with
/// <see cref="SlackDispatchExtensions.AddSubcommand{T}"/>; <see cref="Usage"/> feeds <c>/irbot help</c>.
/// Must answer fast: check, record, queue slow work, reply.
/// </summary>
public interface ISubcommand
{
    /// <summary>The word after <c>/irbot</c>, e.g. <c>incident</c>; for a top-level command, the command itself, e.g. <c>/note</c>.</summary>
    string Name { get; }

    /// <summary>One line for help, e.g. <c>/irbot ic @user</c> — set the incident commander.</summary>
    string Usage { get; }

    Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <summary>The command with the sub-command word removed from <see cref="Arguments"/>.</summary>
public sealed record CommandContext(SlashCommand Command, string Arguments)
{
    public string UserId => Command.UserId;
    public string ChannelId => Command.ChannelId;
}

/// <summary>Routes <c>/irbot word …</c> to its sub-command, top-level commands by name, the rest to help.</summary>
public sealed class SlashCommandDispatcher(IEnumerable<ISubcommand> subcommands, ILogger<SlashCommandDispatcher> logger)
{
    public const string IrBotCommand = "/irbot";
    public const string HelpName = "help";

    private readonly Dictionary<string, ISubcommand> _byName =
        subcommands.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<CommandReply> DispatchAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var name = command.Command.StartsWith('/') ? command.Command : "/" + command.Command;
        string arguments;
        ISubcommand? handler;
        if (string.Equals(name, IrBotCommand, StringComparison.OrdinalIgnoreCase))
        {
            var text = command.Text.Trim();
            var space = text.IndexOfAny([' ', '\n', '\t']);
            var word = space < 0 ? text : text[..space];
            arguments = space < 0 ? string.Empty : text[(space + 1)..].Trim();
            handler = word.Length == 0 ? null : _byName.GetValueOrDefault(word);
            if (handler is null)
            {
                return Help(word.Length == 0 || word.Equals(HelpName, StringComparison.OrdinalIgnoreCase) ? null : word);
            }
        }
        else
        {
            arguments = command.Text.Trim();
            handler = _byName.GetValueOrDefault(name);
            if (handler is null)
            {
                logger.LogWarning("Unknown slash command {Command}", name);
                return CommandReply.Ephemeral($"IR Bot does not know the command `{SlackMentions.Escape(name)}`.\n\n{HelpText()}");
            }
        }

        return await handler.HandleAsync(new CommandContext(command, arguments), cancellationToken);
    }

    public CommandReply Help(string? unknownWord)
    {
        var intro = unknownWord is null
            ? "*IR Bot commands*"
            : $"IR Bot does not know `{SlackMentions.Escape(unknownWord)}`. *IR Bot commands:*";
        return CommandReply.Ephemeral($"{intro}\n{HelpText()}");
    }

    private string HelpText() =>
        string.Join('\n', _byName.Values.OrderBy(s => s.Name.StartsWith('/') ? 1 : 0).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => "• " + s.Usage)
            .Prepend($"• `{IrBotCommand} help` — this list"));
}
