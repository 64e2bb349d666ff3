using IrBot.Slack.Payloads;
using IrBot.Telemetry;
using IrBot.Work;

namespace IrBot.SlackApp;

/// <summary>
/// Routes <c>/irbot word …</c> to its sub-command, top-level commands by name, the rest to help. Builds
/// only the handler the command names; help reads the usages registered beside the names.
/// </summary>
public sealed class SlashCommandDispatcher(
    IServiceProvider services,
    [FromKeyedServices(typeof(ISubcommand))] HandlerRegistry subcommands,
    IrBotMetrics metrics,
    ILogger<SlashCommandDispatcher> logger)
{
    public const string IrBotCommand = "/irbot";
    public const string HelpName = "help";

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
            handler = word.Length == 0 ? null : subcommands.Resolve(services, word) as ISubcommand;
            if (handler is null)
            {
                var help = word.Length == 0 || word.Equals(HelpName, StringComparison.OrdinalIgnoreCase);
                metrics.Command(HelpName, help ? "ok" : "unknown");
                return Help(help ? null : word);
            }

            // The registered key (its own spelling, a bounded set) names the command in metrics, without a new string.
            name = subcommands.Find(word)?.Key ?? name;
        }
        else
        {
            arguments = command.Text.Trim();
            handler = subcommands.Resolve(services, name) as ISubcommand;
            if (handler is null)
            {
                logger.LogWarning("Unknown slash command {Command}", name);
                metrics.Command("other", "unknown");
                return CommandReply.Ephemeral($"IR Bot does not know the command `{SlackMentions.Escape(name)}`.\n\n{HelpText()}");
            }
        }

        try
        {
            var reply = await handler.HandleAsync(new CommandContext(command, arguments), cancellationToken);
            metrics.Command(name, "ok");
            return reply;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.Command(name, "error");
            throw;
        }
    }

    public CommandReply Help(string? unknownWord)
    {
        var intro = unknownWord is null
            ? "*IR Bot commands*"
            : $"IR Bot does not know `{SlackMentions.Escape(unknownWord)}`. *IR Bot commands:*";
        return CommandReply.Ephemeral($"{intro}\n{HelpText()}");
    }

    private string HelpText() =>
        string.Join('\n', subcommands.Entries.OrderBy(s => s.Key.StartsWith('/') ? 1 : 0).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => "• " + s.Usage)
            .Prepend($"• `{IrBotCommand} help` — this list"));
}
