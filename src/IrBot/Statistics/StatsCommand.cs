using System.Globalization;
using IrBot.Data;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Statistics;

/// <summary>
/// <c>/irbot stats [Nd|all]</c>: MTTA and MTTR per section; <c>stats reset</c> asks to confirm a reset;
/// <c>stats export [Nd|all]</c> DMs the rows behind the figures as CSV.
/// </summary>
public sealed class StatsCommand(
    StatisticsAccess access,
    StatisticsQuery query,
    ResetStatisticsModal reset,
    IrBotDbContext db,
    WorkQueue work) : ISubcommand
{
    public const int MaxDays = 3650;

    public static string Name => "stats";
    public static string Usage => "`/irbot stats [Nd|all|reset|export]` — MTTA and MTTR of incidents and workflows, reset them, or get the rows as CSV (IR team, admins)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var words = context.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = words.FirstOrDefault()?.ToLowerInvariant();
        if (first == "reset")
        {
            return await reset.OpenAsync(context, cancellationToken);
        }

        var export = first == "export";
        var periodWords = export ? words.Skip(1).ToArray() : words;
        if (periodWords.Length > 1 || !TryParsePeriod(periodWords.FirstOrDefault(), out var days, out var all))
        {
            return CommandReply.Ephemeral($"Usage: {Usage}. `Nd` is a number of days up to {MaxDays}, e.g. `30d`; the default is since the last reset, at most {StatisticsQuery.MaxDays} days.");
        }

        if (!await access.IsAllowedAsync(context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(":no_entry: Only Slack workspace admins, `Workflows:AuthorizedUsers` and the IR team can see the statistics.");
        }

        var window = await query.WindowAsync(days, all, cancellationToken);
        if (export)
        {
            work.Add(db, ExportStatisticsWork.Kind, new ExportStatisticsRequest(context.UserId, window.Since, window.Until, context.Command.ResponseUrl));
            await db.SaveChangesAsync(cancellationToken);
            return CommandReply.Ephemeral(":inbox_tray: Preparing the CSV; IR Bot will send it to you in a direct message.");
        }

        var figures = await query.FiguresAsync(window, cancellationToken);
        return CommandReply.Ephemeral(StatisticsMessages.Text(figures, window), StatisticsMessages.Answer(figures, window));
    }

    /// <summary>Empty: the default; <c>all</c>; or <c>Nd</c> with 1 ≤ N ≤ <see cref="MaxDays"/>.</summary>
    public static bool TryParsePeriod(string? word, out int? days, out bool all)
    {
        days = null;
        all = false;
        if (string.IsNullOrEmpty(word))
        {
            return true;
        }

        if (word.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            all = true;
            return true;
        }

        if (word.Length > 1 && word[^1] is 'd' or 'D'
            && int.TryParse(word[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxDays)
        {
            days = n;
            return true;
        }

        return false;
    }
}
