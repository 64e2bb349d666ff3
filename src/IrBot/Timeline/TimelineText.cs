using System.Text.RegularExpressions;

namespace IrBot.Timeline;

/// <summary>
/// Turns Slack message markup into the plain text a page reader expects: <c>&lt;@U1&gt;</c> → <c>@Name</c>,
/// <c>&lt;#C1|ir-x&gt;</c> → <c>#ir-x</c>, <c>&lt;https://x|label&gt;</c> → <c>label (https://x)</c>,
/// <c>&lt;!here&gt;</c> → <c>@here</c>. Notes are stored decoded (Slack's <c>&amp;amp;</c> undone at intake), so nothing is decoded here.
/// (This is Slack's own small markup; the page itself is never touched with regular expressions.)
/// </summary>
public static partial class TimelineText
{
    [GeneratedRegex(@"<(?<target>[@#!][^>|]*|https?://[^>|]+|mailto:[^>|]+)(\|(?<label>[^>]*))?>", RegexOptions.CultureInvariant)]
    private static partial Regex Entity();

    /// <summary>The user ids mentioned, so their names can be looked up first.</summary>
    public static IEnumerable<string> MentionedUsers(string text) =>
        Entity().Matches(text).Select(m => m.Groups["target"].Value)
            .Where(t => t.Length > 1 && t[0] == '@').Select(t => t[1..]);

    public static string ForPage(string text, IReadOnlyDictionary<string, string> names)
    {
        return Entity().Replace(text, m =>
        {
            var target = m.Groups["target"].Value;
            var label = m.Groups["label"].Success ? m.Groups["label"].Value : null;
            return target[0] switch
            {
                '@' => "@" + (names.GetValueOrDefault(target[1..]) ?? label ?? target[1..]),
                '#' => "#" + (label is { Length: > 0 } ? label : target[1..]),
                '!' => "@" + (label is { Length: > 0 } ? label.TrimStart('@') : target[1..].Split('^')[0]),
                _ => label is { Length: > 0 } && label != target ? $"{label} ({target})" : target,
            };
        });
    }
}
