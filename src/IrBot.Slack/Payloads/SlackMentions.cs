using System.Text.RegularExpressions;

namespace IrBot.Slack.Payloads;

/// <summary>
/// Escaped entities in command text (<c>should_escape: true</c>): users arrive as <c>&lt;@U123&gt;</c> or
/// <c>&lt;@U123|name&gt;</c>, channels as <c>&lt;#C123|name&gt;</c>.
/// </summary>
public static partial class SlackMentions
{
    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex UserMention();

    /// <summary>The user ids mentioned, in order, without repeats.</summary>
    public static IReadOnlyList<string> UserIds(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : UserMention().Matches(text).Select(m => m.Groups["id"].Value).Distinct().ToList();

    public static string User(string userId) => $"<@{userId}>";

    public static string Channel(string channelId) => $"<#{channelId}>";

    /// <summary>
    /// Undoes Slack's escaping of typed text (<c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>), for text stored
    /// and sent to other systems as people wrote it; escape it again when it goes back into mrkdwn.
    /// </summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Escapes the three characters Slack's mrkdwn treats as control characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
