using System.Globalization;

namespace IrBot.Scheduling;

/// <summary>
/// A recurring job's schedule as set in <c>Schedules:{Name}</c>: a period (a TimeSpan such as <c>00:15:00</c>) or a
/// Quartz cron expression; empty means the default period. The one parser of those settings.
/// </summary>
public sealed record Schedule(TimeSpan? Period, string? Cron)
{
    public static Schedule Read(IConfiguration configuration, string name, TimeSpan defaultPeriod)
    {
        var setting = configuration[$"Schedules:{name}"];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return new(defaultPeriod, null);
        }

        if (!TimeSpan.TryParse(setting, CultureInfo.InvariantCulture, out var period))
        {
            return new(null, setting);
        }

        return period > TimeSpan.Zero ? new(period, null)
            : throw new InvalidOperationException($"Schedules:{name} must be a positive period (hh:mm:ss) or a Quartz cron expression; got '{setting}'.");
    }
}
