using System.Globalization;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;

namespace IrBot.Statistics;

/// <summary>The blocks of <c>/irbot stats</c> and of the Home tab's statistics.</summary>
public static class StatisticsMessages
{
    public const string Definitions =
        "*Definitions.* IR Bot incidents: _opened_ = `/irbot incident` received; _acknowledged_ = the first commander set; "
        + "_resolved_ = archive completed. Workflow instances: _started_ = the trigger message; _acknowledged_ = the first click "
        + "on a field or transition; _resolved_ = `finished_workflow` or the archive of the channel it created. "
        + "MTTA and MTTR are measured from the start, over the items acknowledged or resolved; the others are counted "
        + "as not acknowledged or still open, never dropped. p90: 9 in 10 took at most this long.";

    public static IReadOnlyList<Block> Answer(IReadOnlyList<SectionFigures> sections, StatisticsWindow window, bool withDefinitions = true)
    {
        var blocks = new List<Block> { Blocks.Context(Period(window)) };
        foreach (var section in sections)
        {
            blocks.Add(Blocks.Section(Section(section)));
        }

        if (withDefinitions)
        {
            blocks.Add(Blocks.Divider());
            blocks.Add(Blocks.Context(Definitions));
        }

        return blocks;
    }

    public static string Section(SectionFigures s) =>
        $"*{SlackMentions.Escape(s.Title)}*: {s.Count} · still open {s.StillOpen} · not acknowledged {s.NotAcknowledged}"
        + $"\n*MTTA* {Figures(s.TimeToAcknowledge)}"
        + $"\n*MTTR* {Figures(s.TimeToResolve)}";

    public static string Figures(DurationFigures d) =>
        d.Measured == 0
            ? "— (none yet)"
            : $"mean {DurationText.Format(d.Mean)} · median {DurationText.Format(d.Median)} · p90 {DurationText.Format(d.P90)} (of {d.Measured})";

    public static string Period(StatisticsWindow window) =>
        $"Since {When(window.Since)}"
        + (window.Reset is { } r ? $" · statistics reset by {SlackMentions.User(r.ResetBy)} on {When(r.ResetAt)}" : string.Empty);

    public static string When(DateTime at) =>
        $"<!date^{new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{{date_short_pretty}} {{time}}|{at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC>";

    /// <summary>The fallback text of the answer.</summary>
    public static string Text(IReadOnlyList<SectionFigures> sections, StatisticsWindow window) =>
        string.Join('\n', sections.Select(s => $"{s.Title}: {s.Count}, MTTA {DurationText.Format(s.TimeToAcknowledge.Mean)}, MTTR {DurationText.Format(s.TimeToResolve.Mean)}")
            .Prepend($"IR Bot statistics since {window.Since.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"));
}
