using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Xml;
using AngleSharp.Xml.Parser;

namespace IrBot.Timeline;

/// <summary>
/// One bot row of the timeline table; <see cref="Key"/> (<c>tl-{noteId}</c>) finds it again. <see cref="Who"/> is "Name (team)" for a Who column; <see cref="Name"/> and <see cref="Team"/>
/// fill tables that have an Author and a Team column (the layout Confluence incident templates often use).
/// </summary>
public sealed record TimelineRow(string Key, DateTime Time, string Who, string Note, string? Name = null, string? Team = null);

/// <summary>
/// Merges bot rows into the timeline table of a Confluence page body (storage format) without touching
/// anything else. The body is parsed as XML (storage format is XHTML with <c>ac:</c>/<c>ri:</c> prefixes;
/// HTML parsing would break self-closing macro parameters and CDATA bodies), with HTML entities known.
/// Each bot row carries an anchor macro named by its key, so an edited note is replaced where it stands,
/// a deleted note's row goes, and a note is never added twice. Hand-written rows stay where they are; new
/// rows go before the first existing row with a later time (rows whose time cannot be read are passed over).
/// </summary>
public static class TimelineMerge
{
    public const string Heading = "Timeline";
    public const string KeyPrefix = "tl-";
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";
    private const string AcNs = "http://atlassian.com/content";
    private const string RiNs = "http://atlassian.com/resource/identifier";

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd HH:mm'Z'", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "d MMM yyyy HH:mm", "MMM d, yyyy HH:mm",
    ];

    private static readonly IBrowsingContext Context =
        BrowsingContext.New(Configuration.Default.With<IEntityProvider>(_ => HtmlEntityProvider.Resolver));

    public static string KeyOf(long noteId) => KeyPrefix + noteId.ToString(CultureInfo.InvariantCulture);

    public static string FormatTime(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string Merge(string storage, IReadOnlyList<TimelineRow> upserts, IReadOnlyCollection<string> deletes)
    {
        var document = Parse(storage);
        var root = document.DocumentElement;
        var table = FindTable(document, root);
        if (table is null)
        {
            if (upserts.Count == 0)
            {
                return storage;
            }

            table = CreateTable(document, root);
        }

        var columns = ColumnsOf(table);
        var rows = RowsOf(table);
        var keyed = new Dictionary<string, IElement>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (KeyOf(row) is { } key)
            {
                keyed.TryAdd(key, row);
            }
        }

        var deleteSet = deletes.ToHashSet(StringComparer.Ordinal);
        foreach (var key in deleteSet)
        {
            if (keyed.Remove(key, out var row))
            {
                row.Remove();
            }
        }

        var fresh = new List<TimelineRow>();
        foreach (var upsert in upserts)
        {
            if (deleteSet.Contains(upsert.Key))
            {
                continue;
            }

            if (keyed.TryGetValue(upsert.Key, out var existing))
            {
                // Edited note: replace the row where it stands (someone may have moved it by hand).
                var replacement = BuildRow(document, upsert, columns);
                existing.Parent!.ReplaceChild(replacement, existing);
                keyed[upsert.Key] = replacement;
            }
            else
            {
                fresh.Add(upsert);
            }
        }

        InsertChronologically(document, table, fresh, columns);
        return Serialize(root);
    }

    private static IDocument Parse(string storage)
    {
        var parser = new XmlParser(new XmlParserOptions(), Context);
        try
        {
            return parser.ParseDocument($"<root xmlns:ac=\"{AcNs}\" xmlns:ri=\"{RiNs}\">{storage}</root>");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new TimelineMergeException("The page body is not well-formed storage format: " + ex.Message, ex);
        }
    }

    private static string Serialize(IElement root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var child in root.ChildNodes)
        {
            child.ToHtml(writer, StorageFormatter.Instance);
        }

        return writer.ToString();
    }

    /// <summary>The table holding bot rows; else the first table under a "Timeline" heading.</summary>
    private static IElement? FindTable(IDocument document, IElement root)
    {
        foreach (var macro in Macros(root))
        {
            if (IsKeyAnchor(macro) is not null && macro.Closest("table") is { } owner)
            {
                return owner;
            }
        }

        var heading = FindHeading(root);
        if (heading is null)
        {
            return null;
        }

        var level = heading.LocalName[1] - '0';
        for (var node = Next(heading, root); node is not null; node = Next(node, root))
        {
            if (node is not IElement element)
            {
                continue;
            }

            if (HeadingLevel(element) is { } other && other <= level)
            {
                break;
            }

            if (element.LocalName == "table")
            {
                return element;
            }
        }

        // A heading without a table: put the table right after it.
        var table = NewTable(document);
        heading.After(table);
        return table;
    }

    private static IElement? FindHeading(IElement root) =>
        root.Descendants<IElement>().FirstOrDefault(e =>
            HeadingLevel(e) is not null
            && string.Equals(Normalize(e.TextContent), Heading, StringComparison.OrdinalIgnoreCase));

    private static int? HeadingLevel(IElement e) =>
        e.LocalName.Length == 2 && e.LocalName[0] == 'h' && e.LocalName[1] is >= '1' and <= '6' && e.Prefix is null
            ? e.LocalName[1] - '0'
            : null;

    /// <summary>The next node in document order after <paramref name="node"/>'s subtree.</summary>
    private static INode? Next(INode node, INode root)
    {
        if (node.FirstChild is { } child && node is IElement { LocalName: not "table" })
        {
            return child;
        }

        for (var current = node; current is not null && current != root; current = current.Parent)
        {
            if (current.NextSibling is { } sibling)
            {
                return sibling;
            }
        }

        return null;
    }

    private static IElement CreateTable(IDocument document, IElement root)
    {
        var heading = document.CreateElement("h2");
        heading.TextContent = Heading;
        var table = NewTable(document);
        root.AppendChild(heading);
        root.AppendChild(table);
        return table;
    }

    private static IElement NewTable(IDocument document)
    {
        var table = document.CreateElement("table");
        table.SetAttribute("data-layout", "default");
        var body = document.CreateElement("tbody");
        var header = document.CreateElement("tr");
        foreach (var title in new[] { "Time (UTC)", "Who", "Note" })
        {
            var th = document.CreateElement("th");
            var p = document.CreateElement("p");
            p.TextContent = title;
            th.AppendChild(p);
            header.AppendChild(th);
        }

        body.AppendChild(header);
        table.AppendChild(body);
        return table;
    }

    /// <summary>This table's own rows (not those of a table nested in a cell), in order.</summary>
    private static List<IElement> RowsOf(IElement table) =>
        table.GetElementsByTagName("tr").Where(r => r.Closest("table") == table).ToList();

    private static string? KeyOf(IElement row)
    {
        foreach (var macro in Macros(row))
        {
            if (IsKeyAnchor(macro) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    // GetElementsByTagName does not match prefixed names on a parsed XML document; compare qualified names.
    private static IEnumerable<IElement> Macros(IElement scope) =>
        scope.Descendants<IElement>().Where(e => e.TagName == "ac:structured-macro");

    private static string? IsKeyAnchor(IElement macro)
    {
        if (macro.GetAttribute("ac:name") != "anchor")
        {
            return null;
        }

        var value = macro.Children.FirstOrDefault(c => c.TagName == "ac:parameter")?.TextContent.Trim();
        return value is not null && value.StartsWith(KeyPrefix, StringComparison.Ordinal) ? value : null;
    }

    private static void InsertChronologically(IDocument document, IElement table, List<TimelineRow> fresh, IReadOnlyList<Column> columns)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        fresh.Sort((a, b) => a.Time.CompareTo(b.Time));
        var rows = RowsOf(table);
        var next = 0;
        DateTime? previous = null;
        foreach (var row in rows)
        {
            if (next == fresh.Count)
            {
                return;
            }

            if (IsHeader(row) || TimeOf(row, previous) is not { } time)
            {
                continue;
            }

            previous = time;

            // Equal times: the row already there stays first.
            while (next < fresh.Count && fresh[next].Time < time)
            {
                row.Before(BuildRow(document, fresh[next++], columns));
            }
        }

        if (next == fresh.Count)
        {
            return;
        }

        // The rest are later than every readable row: after the last row (or into an empty table's body).
        var fragment = document.CreateDocumentFragment();
        for (; next < fresh.Count; next++)
        {
            fragment.AppendChild(BuildRow(document, fresh[next], columns));
        }

        var last = rows.LastOrDefault(r => (r.Parent as IElement)?.LocalName != "thead");
        if (last is not null)
        {
            last.After(fragment);
        }
        else
        {
            BodyOf(document, table).AppendChild(fragment);
        }
    }

    /// <summary>The table's (last) tbody; one is added when the table has only a thead or nothing.</summary>
    private static IElement BodyOf(IDocument document, IElement table)
    {
        if (table.Children.LastOrDefault(c => c.LocalName == "tbody") is { } body)
        {
            return body;
        }

        var created = document.CreateElement("tbody");
        table.AppendChild(created);
        return created;
    }

    private static bool IsHeader(IElement row) =>
        (row.Parent as IElement)?.LocalName == "thead" || (row.Children.Length > 0 && row.Children.All(c => c.LocalName == "th"));

    /// <summary>
    /// The time in the row's first cell, read as UTC; null when it is not a time we can read. A time without a
    /// date ("10:32", as people type in a hurry) takes the date of the row above that had one.
    /// </summary>
    internal static DateTime? TimeOf(IElement row, DateTime? previous)
    {
        var cell = row.Children.FirstOrDefault(c => c.LocalName is "td" or "th");
        if (cell is null)
        {
            return null;
        }

        var text = Normalize(VisibleText(cell));
        foreach (var suffix in new[] { " UTC", " GMT", "UTC", "GMT" })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return DateTime.SpecifyKind(time, DateTimeKind.Utc);
        }

        return previous is { } day && TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
            ? DateTime.SpecifyKind(day.Date.Add(clock.ToTimeSpan()), DateTimeKind.Utc)
            : null;
    }

    /// <summary>The cell's text without macro internals (our anchor's key sits in the time cell).</summary>
    private static string VisibleText(IElement cell) =>
        string.Concat(cell.Descendants<IText>().Where(t => !InsideMacro(t, cell)).Select(t => t.Data));

    private static bool InsideMacro(INode node, INode stop)
    {
        for (var current = node.Parent; current is not null && current != stop; current = current.Parent)
        {
            if (current is IElement { Prefix: "ac" })
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split([' ', '\u00A0', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a column of the timeline table holds, read from its header text.</summary>
    private enum Column
    {
        Time,
        Who,
        Author,
        Team,
        Note,
        Other,
    }

    private static readonly IReadOnlyList<Column> DefaultColumns = [Column.Time, Column.Who, Column.Note];

    /// <summary>
    /// The table's own layout, so our cells land under the right headers: a template's table may have
    /// Time / Author / Team / Note rather than our Time / Who / Note.
    /// </summary>
    private static IReadOnlyList<Column> ColumnsOf(IElement table)
    {
        var header = RowsOf(table).FirstOrDefault(IsHeader);
        if (header is null)
        {
            return DefaultColumns;
        }

        var columns = header.Children.Where(c => c.LocalName is "th" or "td").Select(c => Classify(Normalize(c.TextContent))).ToList();
        return columns.Contains(Column.Time) && columns.Contains(Column.Note) ? columns : DefaultColumns;
    }

    private static Column Classify(string header)
    {
        var text = header.ToLowerInvariant();
        return text switch
        {
            _ when text.StartsWith("time", StringComparison.Ordinal) || text.StartsWith("when", StringComparison.Ordinal) || text.StartsWith("date", StringComparison.Ordinal) => Column.Time,
            _ when text.StartsWith("team", StringComparison.Ordinal) || text.StartsWith("department", StringComparison.Ordinal) => Column.Team,
            _ when text.StartsWith("author", StringComparison.Ordinal) || text.StartsWith("name", StringComparison.Ordinal) || text == "by" => Column.Author,
            _ when text.StartsWith("who", StringComparison.Ordinal) => Column.Who,
            _ when text.StartsWith("note", StringComparison.Ordinal) || text.StartsWith("what", StringComparison.Ordinal) || text.StartsWith("event", StringComparison.Ordinal)
                || text.StartsWith("description", StringComparison.Ordinal) || text.StartsWith("detail", StringComparison.Ordinal) => Column.Note,
            _ => Column.Other,
        };
    }

    private static IElement BuildRow(IDocument document, TimelineRow row, IReadOnlyList<Column> columns)
    {
        var tr = document.CreateElement("tr");
        var teamApart = columns.Contains(Column.Team);
        foreach (var column in columns)
        {
            var cell = Cell(document, tr);
            switch (column)
            {
                case Column.Time:
                    var anchor = document.CreateElement(AcNs, "ac:structured-macro");
                    anchor.SetAttribute(AcNs, "ac:name", "anchor");
                    anchor.SetAttribute(AcNs, "ac:schema-version", "1");
                    var parameter = document.CreateElement(AcNs, "ac:parameter");
                    parameter.SetAttribute(AcNs, "ac:name", string.Empty);
                    parameter.TextContent = row.Key;
                    anchor.AppendChild(parameter);
                    cell.AppendChild(anchor);
                    cell.AppendChild(document.CreateTextNode(FormatTime(row.Time)));
                    break;
                case Column.Who or Column.Author:
                    cell.TextContent = teamApart ? row.Name ?? row.Who : row.Who;
                    break;
                case Column.Team:
                    cell.TextContent = row.Team ?? string.Empty;
                    break;
                case Column.Note:
                    // Text nodes are escaped on output, so a note cannot inject markup; line breaks become <br />.
                    var lines = row.Note.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                    for (var i = 0; i < lines.Length; i++)
                    {
                        if (i > 0)
                        {
                            cell.AppendChild(document.CreateElement("br"));
                        }

                        cell.AppendChild(document.CreateTextNode(lines[i]));
                    }

                    break;
            }
        }

        return tr;
    }

    /// <summary>
    /// XML output, but with <c>&gt;</c> escaped in text too: a note containing <c>]]&gt;</c> would otherwise make
    /// the body ill-formed.
    /// </summary>
    private sealed class StorageFormatter : IMarkupFormatter
    {
        public static readonly StorageFormatter Instance = new();
        private static readonly IMarkupFormatter Xml = XmlMarkupFormatter.Instance;

        public string Text(ICharacterData text) =>
            text.NodeType == NodeType.Text ? Xml.Text(text).Replace(">", "&gt;", StringComparison.Ordinal) : Xml.Text(text);

        public string LiteralText(ICharacterData text) => Xml.LiteralText(text);
        public string Comment(IComment comment) => Xml.Comment(comment);
        public string Processing(IProcessingInstruction processing) => Xml.Processing(processing);
        public string Doctype(IDocumentType doctype) => Xml.Doctype(doctype);
        public string OpenTag(IElement element, bool selfClosing) => Xml.OpenTag(element, selfClosing);
        public string CloseTag(IElement element, bool selfClosing) => Xml.CloseTag(element, selfClosing);
    }

    /// <summary>A new <c>td</c> with a paragraph (as Confluence's editor writes cells); returns the paragraph.</summary>
    private static IElement Cell(IDocument document, IElement tr)
    {
        var td = document.CreateElement("td");
        var p = document.CreateElement("p");
        td.AppendChild(p);
        tr.AppendChild(td);
        return p;
    }
}
