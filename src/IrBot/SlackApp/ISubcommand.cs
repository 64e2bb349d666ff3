namespace IrBot.SlackApp;

/// <summary>
/// One <c>/irbot</c> sub-command (or a top-level command such as <c>/note</c>), registered with
/// <see cref="SlackDispatchExtensions.AddSubcommand{T}"/> under its <see cref="Name"/>; <see cref="Usage"/>
/// feeds <c>/irbot help</c> without building the handler. Must answer fast: check, record, queue slow work, reply.
/// </summary>
public interface ISubcommand
{
    /// <summary>The word after <c>/irbot</c>, e.g. <c>incident</c>; for a top-level command, the command itself, e.g. <c>/note</c>.</summary>
    static abstract string Name { get; }

    /// <summary>One line for help, e.g. <c>/irbot ic @user</c> — set the incident commander.</summary>
    static abstract string Usage { get; }

    Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}
