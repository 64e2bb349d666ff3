using System.Globalization;

namespace IrBot.Incidents;

/// <summary>Incident channels are <c>ir-YYYYMMDD</c> (UTC), then <c>ir-YYYYMMDD-2</c>, <c>-3</c>, … when taken.</summary>
public static class ChannelNames
{
    public const int MaxSuffix = 99;

    public static string ForDate(DateTime utc) => "ir-" + utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The n-th candidate: 1 is the plain name, 2 and up carry a suffix.</summary>
    public static string Candidate(DateTime utc, int n) => n <= 1 ? ForDate(utc) : $"{ForDate(utc)}-{n}";

    public static IEnumerable<string> Candidates(DateTime utc) =>
        Enumerable.Range(1, MaxSuffix).Select(n => Candidate(utc, n));
}
