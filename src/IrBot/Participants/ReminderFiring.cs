using System.Globalization;
using Quartz;

namespace IrBot.Participants;

/// <summary>
/// One firing of a reminder job: the DMs it sends are tagged with <see cref="Occasion"/> (its scheduled time, which a
/// recovery after a crash keeps), and when <see cref="MayHaveRun"/> (a recovery) each DM is looked for before it is sent.
/// </summary>
public sealed record ReminderFiring(string Occasion, bool MayHaveRun)
{
    public static ReminderFiring Of(IJobExecutionContext context) =>
        new(Stamp(context.ScheduledFireTimeUtc ?? context.FireTimeUtc), context.Recovering);

    /// <summary>A firing asked for by hand (or by a test) at <paramref name="now"/>: nothing of it was sent before.</summary>
    public static ReminderFiring At(DateTimeOffset now) => new(Stamp(now), MayHaveRun: false);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
