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

        // Bot rows are written as markup while the page is serialised, not built as DOM nodes: building and
        // inserting thousands of nodes one by one cost most of a large merge.
        var writes = new RowWrites(columns);
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
                writes.Replace(existing, upsert);
            }
            else
            {
                fresh.Add(upsert);
            }
        }

        InsertChronologically(document, table, fresh, writes);
        return Serialize(root, writes);
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

    private static string Serialize(IElement root, RowWrites writes)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var child in root.ChildNodes)
        {
            writes.Write(child, writer);
        }

        return writer.ToString();
    }

    /// <summary>The table holding bot rows; else the first table under a "Timeline" heading.</summary>
    private static IElement? FindTable(IDocument document, IElement root)
    {
        foreach (var macro in Macros(root))
        {
            if (IsKeyAnchor(macro) is not null && OwnerTable(macro) is { } owner)
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
        table.GetElementsByTagName("tr").Where(r => OwnerTable(r) == table).ToList();

    private static IElement? OwnerTable(IElement element)
    {
        for (var current = element.ParentElement; current is not null; current = current.ParentElement)
        {
            if (current.LocalName == "table")
            {
                return current;
            }
        }

        return null;
    }

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

    private static void InsertChronologically(IDocument document, IElement table, List<TimelineRow> fresh, RowWrites writes)
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

            // A row being replaced reads as the row that replaces it: its time, if the time is its first cell.
            var time = writes.ReplacementOf(row) is { } replacement ? (writes.Columns[0] == Column.Time ? ReadBack(replacement.Time) : null)
                : IsHeader(row) ? null
                : TimeOf(row, previous);
            if (time is null)
            {
                continue;
            }

            previous = time;

            // Equal times: the row already there stays first.
            var start = next;
            while (next < fresh.Count && fresh[next].Time < time)
            {
                next++;
            }

            writes.Before(row, fresh.GetRange(start, next - start));
        }

        if (next == fresh.Count)
        {
            return;
        }

        // The rest are later than every readable row: after the last row (or into an empty table's body).
        var rest = fresh.GetRange(next, fresh.Count - next);
        var last = rows.LastOrDefault(r => (r.Parent as IElement)?.LocalName != "thead");
        if (last is not null)
        {
            writes.After(last, rest);
        }
        else
        {
            writes.Append(BodyOf(document, table), rest);
        }
    }

    /// <summary>A time as <see cref="TimeOf"/> reads it back from a bot row: to the second.</summary>
    private static DateTime ReadBack(DateTime time) =>
        DateTime.SpecifyKind(new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

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

    /// <summary>
    /// Where bot rows go, and their markup: before or after an existing row, in place of one (an edited note), or at the
    /// end of a body. The elements that hold such a place are written tag by tag so the rows can go in between; everything
    /// else is written by AngleSharp as it was parsed.
    /// </summary>
    private sealed class RowWrites(IReadOnlyList<Column> columns)
    {
        private readonly Dictionary<INode, List<TimelineRow>> _before = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<INode, List<TimelineRow>> _after = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<INode, List<TimelineRow>> _append = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<INode, TimelineRow> _replace = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<INode> _holders = new(ReferenceEqualityComparer.Instance);
        private readonly bool _teamApart = columns.Contains(Column.Team);

        public IReadOnlyList<Column> Columns => columns;

        public void Replace(IElement row, TimelineRow by)
        {
            Hold(row.Parent);
            _replace[row] = by;
        }

        public TimelineRow? ReplacementOf(IElement row) => _replace.GetValueOrDefault(row);

        public void Before(IElement row, List<TimelineRow> rows)
        {
            if (rows.Count > 0)
            {
                Hold(row.Parent);
                _before[row] = rows;
            }
        }

        public void After(IElement row, List<TimelineRow> rows)
        {
            Hold(row.Parent);
            _after[row] = rows;
        }

        public void Append(IElement body, List<TimelineRow> rows)
        {
            Hold(body);
            _append[body] = rows;
        }

        public void Write(INode node, TextWriter writer)
        {
            if (_before.TryGetValue(node, out var before))
            {
                WriteRows(writer, before);
            }

            if (_replace.TryGetValue(node, out var replacement))
            {
                WriteRow(writer, replacement);
            }
            else if (node is IElement element && _holders.Contains(element))
            {
                writer.Write(StorageFormatter.Instance.OpenTag(element, false));
                foreach (var child in element.ChildNodes)
                {
                    Write(child, writer);
                }

                if (_append.TryGetValue(element, out var appended))
                {
                    WriteRows(writer, appended);
                }

                writer.Write(StorageFormatter.Instance.CloseTag(element, false));
            }
            else
            {
                node.ToHtml(writer, StorageFormatter.Instance);
            }

            if (_after.TryGetValue(node, out var after))
            {
                WriteRows(writer, after);
            }
        }

        /// <summary>Marks <paramref name="holder"/> and its ancestors as written tag by tag.</summary>
        private void Hold(INode? holder)
        {
            for (var current = holder; current is not null && _holders.Add(current); current = current.Parent)
            {
            }
        }

        private void WriteRows(TextWriter writer, List<TimelineRow> rows)
        {
            foreach (var row in rows)
            {
                WriteRow(writer, row);
            }
        }

        /// <summary>A bot row: each cell a paragraph (as Confluence's editor writes cells), the key's anchor before the time.</summary>
        private void WriteRow(TextWriter writer, TimelineRow row)
        {
            writer.Write("<tr>");
            foreach (var column in columns)
            {
                writer.Write("<td><p>");
                switch (column)
                {
                    case Column.Time:
                        writer.Write("<ac:structured-macro ac:name=\"anchor\" ac:schema-version=\"1\"><ac:parameter ac:name=\"\">");
                        WriteText(writer, row.Key);
                        writer.Write("</ac:parameter></ac:structured-macro>");
                        writer.Write(FormatTime(row.Time));
                        break;
                    case Column.Who or Column.Author:
                        WriteText(writer, _teamApart ? row.Name ?? row.Who : row.Who);
                        break;
                    case Column.Team:
                        WriteText(writer, row.Team ?? string.Empty);
                        break;
                    case Column.Note:
                        // Escaped text, so a note cannot inject markup; line breaks become <br />.
                        var lines = row.Note.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                        for (var i = 0; i < lines.Length; i++)
                        {
                            if (i > 0)
                            {
                                writer.Write("<br />");
                            }

                            WriteText(writer, lines[i]);
                        }

                        break;
                }

                writer.Write("</p></td>");
            }

            writer.Write("</tr>");
        }

        /// <summary>Text as <see cref="StorageFormatter"/> writes a text node: <c>&amp; &lt; &gt;</c> escaped.</summary>
        private static void WriteText(TextWriter writer, string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var escaped = text[i] switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    _ => null,
                };
                if (escaped is not null)
                {
                    writer.Write(text.AsSpan(start, i - start));
                    writer.Write(escaped);
                    start = i + 1;
                }
            }

            writer.Write(text.AsSpan(start));
        }
    }
}
