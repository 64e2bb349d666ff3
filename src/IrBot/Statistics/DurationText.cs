using System.Globalization;

namespace IrBot.Statistics;

/// <summary>Durations as people read them: "45 s", "12 m", "2 h 05 m", "3 d 04 h"; "—" when there is none.</summary>
public static class DurationText
{
    public static string Format(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return "—";
        }

        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        var seconds = (long)Math.Round(d.TotalSeconds);
        return seconds switch
        {
            < 60 => Invariant($"{seconds} s"),
            < 3600 => Invariant($"{seconds / 60} m"),
            < 86400 => Invariant($"{seconds / 3600} h {seconds % 3600 / 60:00} m"),
            _ => Invariant($"{seconds / 86400} d {seconds % 86400 / 3600:00} h"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
