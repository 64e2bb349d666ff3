using System.Text;

namespace IrBot.Workflows;

/// <summary>Turns a workflow's channel handle or display name into what Slack accepts.</summary>
public static class SlackChannelNames
{
    public const int MaxLength = 80;

    /// <summary>
    /// A leading '#' or '~' (how people write a channel) is dropped; then lower case, only <c>a-z0-9-_</c>,
    /// spaces and periods become '-', at most 80 characters:
    /// "Town Square" → <c>town-square</c>. A channel id (<c>C…</c>/<c>G…</c>) passes through unchanged.
    /// Other characters are dropped; the result may be empty, which the caller treats as a failure.
    /// </summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim().TrimStart('#', '~');
        if (IsChannelId(trimmed)) return trimmed;
        var result = new StringBuilder(Math.Min(trimmed.Length, MaxLength));
        foreach (var c in trimmed.ToLowerInvariant())
        {
            if (result.Length == MaxLength) break;
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_') result.Append(c);
            else if (c is ' ' or '.') result.Append('-');
        }
        return result.ToString();
    }

    /// <summary>
    /// Slack conversation ids: C (public) or G (private/group), then upper-case letters and digits (ids
    /// always hold a digit, which keeps a shouted name such as "CRITICALS" a name).
    /// </summary>
    public static bool IsChannelId(string value) =>
        value.Length is >= 9 and <= 21 && value[0] is 'C' or 'G'
        && value.Skip(1).All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')) && value.Any(char.IsAsciiDigit);
}
