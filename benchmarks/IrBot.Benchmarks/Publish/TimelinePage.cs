using System.Globalization;
using System.Text;

/// <summary>
/// The page and the notes the timeline benchmarks share: a page whose timeline table has 1,000 hand-written rows
/// (one a minute, every tenth with a screenshot, every fiftieth with a time nobody can parse) between a summary
/// and a code macro, and notes every 12 s from the same start, so new rows fall between the hand rows.
/// </summary>
internal static class TimelinePage
{
    public static readonly DateTime Start = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    public static string Body(int rows = 1000)
    {
        var page = new StringBuilder("<p>Summary&nbsp;text</p><h2>Timeline</h2><table data-layout=\"default\"><tbody><tr><th><p>Time (UTC)</p></th><th><p>Who</p></th><th><p>Note</p></th></tr>");
        for (var i = 0; i < rows; i++)
        {
            var time = i % 50 == 7 ? "later that day" : Start.AddSeconds(i * 60).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var extra = i % 10 == 0 ? "<ac:image><ri:attachment ri:filename=\"shot.png\" /></ac:image>" : string.Empty;
            page.Append(CultureInfo.InvariantCulture, $"<tr><td><p>{time}</p></td><td><p>Person {i % 7}</p></td><td><p>Hand row {i} &amp; more {extra}</p></td></tr>");
        }

        page.Append("</tbody></table><ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[x < y]]></ac:plain-text-body></ac:structured-macro>");
        return page.ToString();
    }

    /// <summary>When note <paramref name="i"/> (from 1) happened.</summary>
    public static DateTime NoteTime(int i) => Start.AddSeconds(i * 12 + 5);

    public static string NoteText(int i) => $"Note {i}: <b>not bold</b> & café ☕";
}
