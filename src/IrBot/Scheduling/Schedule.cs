using System.Globalization;
using Quartz;

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
            // Checked here, not when Quartz starts, so the error names the setting.
            return IsCron(setting) ? new(null, setting)
                : throw new InvalidSettingException(
                    $"Schedules:{name} must be a positive period (hh:mm:ss) or a Quartz cron expression (seconds first, e.g. \"0 0/15 * * * ?\"); got '{setting}'.");
        }

        return period > TimeSpan.Zero ? new(period, null)
            : throw new InvalidSettingException($"Schedules:{name} must be a positive period (hh:mm:ss) or a Quartz cron expression; got '{setting}'.");
    }

    private static bool IsCron(string setting)
    {
        try
        {
            _ = new CronExpression(setting);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
