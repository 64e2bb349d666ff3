using System.Text;

namespace IrBot.Workflows;

/// <summary>
/// Mattermost writes a channel link as <c>~channel-name</c>; Slack as <c>&lt;#C123&gt;</c>. Finding the
/// names is pure; the Slack layer looks them up and calls <see cref="Replace"/> with what it found.
/// </summary>
public static class ChannelMentions
{
    /// <summary>Channel names mentioned as <c>~name</c> (a-z, 0-9, '-', '_'), distinct, in order.</summary>
    public static IReadOnlyList<string> Find(string message) =>
        Scan(message).Select(m => m.Name).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Replaces each <c>~name</c> for which <paramref name="link"/> returns text (e.g. <c>&lt;#C123&gt;</c>);
    /// mentions it does not resolve stay as typed.
    /// </summary>
    public static string Replace(string message, Func<string, string?> link)
    {
        var result = new StringBuilder(message.Length);
        var position = 0;
        foreach (var (start, length, name) in Scan(message))
        {
            if (link(name) is not { } replacement) continue;
            result.Append(message, position, start - position).Append(replacement);
            position = start + length;
        }
        return result.Append(message, position, message.Length - position).ToString();
    }

    private static IEnumerable<(int Start, int Length, string Name)> Scan(string message)
    {
        for (var i = 0; i < message.Length; i++)
        {
            // "~" starts a mention at the start of the text or after anything but a word character.
            if (message[i] != '~' || (i > 0 && (char.IsLetterOrDigit(message[i - 1]) || message[i - 1] == '_'))) continue;
            var end = i + 1;
            while (end < message.Length && IsNameChar(message[end])) end++;
            // A trailing '-' or '_' is punctuation more often than part of the name.
            while (end > i + 1 && message[end - 1] is '-' or '_') end--;
            if (end > i + 1)
            {
                yield return (i, end - i, message[(i + 1)..end].ToLowerInvariant());
                i = end - 1;
            }
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
