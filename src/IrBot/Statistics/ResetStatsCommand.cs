using IrBot.SlackApp;

namespace IrBot.Statistics;

/// <summary><c>/irbot reset-stats</c>: the same as <c>/irbot stats reset</c> (the name Mattermost users know).</summary>
public sealed class ResetStatsCommand(ResetStatisticsModal reset) : ISubcommand
{
    public static string Name => "reset-stats";
    public static string Usage => "`/irbot reset-stats` — count the statistics from now on, after a confirmation (IR team, admins)";

    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        reset.OpenAsync(context, cancellationToken);
}
