using System.Text;

namespace IrBot.Workflows.Templates;

/// <summary>
/// A parsed Go-style template. Only the subset the workflow format uses is accepted: literal text and
/// field chains such as <c>{{.Action.CreateWarroom.ChannelName}}</c>, with Go's optional spaces and trim
/// markers (<c>{{- .X -}}</c>). Anything else Go's text/template knows (pipelines, if, range, comments)
/// is a syntax error, so a file that validates can always render.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<object> _parts; // string literal or TemplateVariable

    private Template(string source, IReadOnlyList<object> parts)
    {
        Source = source;
        _parts = parts;
        Variables = parts.OfType<TemplateVariable>().Distinct().ToArray();
    }

    /// <summary>The text as written in the workflow file.</summary>
    public string Source { get; }

    /// <summary>Every distinct variable, in order of first appearance.</summary>
    public IReadOnlyList<TemplateVariable> Variables { get; }

    public override string ToString() => Source;

    /// <summary>Parses <paramref name="source"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(string source, out Template template, out string? error)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        var trimNextLiteral = false;
        while (i < source.Length)
        {
            var open = source.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(source, i, source.Length - i);
                break;
            }
            literal.Append(source, i, open - i);
            var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return Fail($"template has an unclosed {{{{ at character {open + 1}", out template, out error);
            }
            var inner = source[(open + 2)..close];
            var action = source[open..(close + 2)];
            // Go trim markers: "{{- " trims white space before, " -}}" after; the space is required.
            var trimBefore = inner.Length >= 2 && inner[0] == '-' && char.IsWhiteSpace(inner[1]);
            var trimAfter = inner.Length >= 2 && inner[^1] == '-' && char.IsWhiteSpace(inner[^2]);
            if (trimBefore) inner = inner[1..];
            if (trimAfter) inner = inner[..^1];
            if (!TryParseFieldChain(inner.Trim(), out var path))
            {
                return Fail($"unsupported template syntax {action} at character {open + 1}: only variables like {{{{.Instance.Number}}}} are allowed",
                    out template, out error);
            }

            var text = literal.ToString();
            if (trimNextLiteral) text = text.TrimStart();
            if (trimBefore) text = text.TrimEnd();
            if (text.Length > 0) parts.Add(text);
            literal.Clear();
            parts.Add(new TemplateVariable(path));
            trimNextLiteral = trimAfter;
            i = close + 2;
        }
        var rest = literal.ToString();
        if (trimNextLiteral) rest = rest.TrimStart();
        if (rest.Length > 0) parts.Add(rest);
        template = new Template(source, parts);
        error = null;
        return true;
    }

    /// <summary>Parses text known to be valid (tests, built-in strings).</summary>
    public static Template Parse(string source) =>
        TryParse(source, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>
    /// Renders with <paramref name="lookup"/>; a variable it does not know (e.g. a field nobody has
    /// chosen yet) renders as <paramref name="missing"/>.
    /// </summary>
    public string Render(Func<TemplateVariable, string?> lookup, string missing = "")
    {
        var result = new StringBuilder();
        foreach (var part in _parts)
        {
            result.Append(part is TemplateVariable variable ? lookup(variable) ?? missing : (string)part);
        }
        return result.ToString();
    }

    private static bool TryParseFieldChain(string text, out string[] path)
    {
        path = [];
        if (text.Length < 2 || text[0] != '.') return false;
        var names = text[1..].Split('.');
        foreach (var name in names)
        {
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }
        path = names;
        return true;
    }

    private static bool Fail(string message, out Template template, out string? error)
    {
        template = null!;
        error = message;
        return false;
    }
}
