using System.Xml.Linq;
using IrBot.Timeline;

namespace IrBot.Tests.Timeline;

/// <summary>The merge on page bodies shaped like Confluence's storage format, with people's own edits in them.</summary>
public class TimelineMergeTests
{
    private static readonly XNamespace Ac = "http://atlassian.com/content";

    /// <summary>A page as people leave it: macros, a mention, a screenshot, a row whose time is prose, a code block.</summary>
    private const string Page =
        "<p>Incident summary&nbsp;— café ☕ &lt;draft&gt;</p>" +
        "<ac:structured-macro ac:name=\"info\" ac:schema-version=\"1\" ac:macro-id=\"a1b2c3\"><ac:rich-text-body><p>Handle with care</p></ac:rich-text-body></ac:structured-macro>" +
        "<h2>Timeline</h2>" +
        "<table data-layout=\"default\" ac:local-id=\"4b1c9d3e-1234\"><colgroup><col style=\"width: 170.0px;\" /><col style=\"width: 200.0px;\" /><col style=\"width: 390.0px;\" /></colgroup><tbody>" +
        "<tr><th><p><strong>Time (UTC)</strong></p></th><th><p><strong>Who</strong></p></th><th><p><strong>Note</strong></p></th></tr>" +
        "<tr><td><p>2026-11-25 09:00</p></td><td><p>Alice (SOC)</p></td><td><p>Alert fired, paged <ac:link><ri:user ri:account-id=\"557058:abc\" /></ac:link></p></td></tr>" +
        "<tr><td><p>around lunch</p></td><td><p>Bob</p></td><td><p><ac:image ac:height=\"250\"><ri:attachment ri:filename=\"screenshot.png\" /></ac:image></p></td></tr>" +
        "<tr><td><p>2026-11-25 14:30 UTC</p></td><td><p>Carol</p></td><td><p>Contained &amp; isolated</p></td></tr>" +
        "</tbody></table>" +
        "<h2>Lessons learned</h2>" +
        "<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\"><ac:parameter ac:name=\"language\">bash</ac:parameter><ac:plain-text-body><![CDATA[grep -r \"x\" /var/log && echo <done>]]></ac:plain-text-body></ac:structured-macro>";

    private static TimelineRow Row(long id, int hour, int minute, string note = "note", string who = "Dana (IR)") =>
        new(TimelineMerge.KeyOf(id), new DateTime(2026, 11, 25, hour, minute, 0, DateTimeKind.Utc), who, note);

    private static XElement Parse(string storage) =>
        XElement.Parse($"<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">{storage}</root>");

    /// <summary>The visible text of each row's cells, without the anchor macro.</summary>
    private static List<string[]> Rows(string storage) =>
        Parse(storage).Descendants("tr")
            .Select(tr => tr.Elements().Select(td => string.Concat(td.DescendantNodes().OfType<XText>()
                .Where(t => t.Ancestors(Ac + "structured-macro").All(a => (string?)a.Attribute(Ac + "name") != "anchor"))
                .Select(t => t.Value))).ToArray())
            .ToList();

    private static List<string> FirstColumn(string storage) => Rows(storage).Select(r => r[0]).ToList();

    [Fact]
    public void New_notes_go_among_the_hand_written_rows_by_time()
    {
        var merged = TimelineMerge.Merge(Page, [Row(3, 15, 0), Row(1, 8, 0), Row(2, 10, 0)], []);

        Assert.Equal(
            ["Time (UTC)", "2026-11-25 08:00:00", "2026-11-25 09:00", "around lunch", "2026-11-25 10:00:00", "2026-11-25 14:30 UTC", "2026-11-25 15:00:00"],
            FirstColumn(merged));
    }

    [Fact]
    public void Everything_that_is_not_a_bot_row_is_left_as_it_was()
    {
        var merged = TimelineMerge.Merge(Page, [Row(1, 8, 0), Row(2, 16, 0)], []);

        var before = Parse(Page.Replace("&nbsp;", "\u00A0", StringComparison.Ordinal)); // System.Xml knows no HTML entities
        var after = Parse(merged);
        var handRowsBefore = before.Descendants("tr").ToList();
        var handRowsAfter = after.Descendants("tr").Where(tr => !tr.Descendants(Ac + "structured-macro").Any(m => (string?)m.Attribute(Ac + "name") == "anchor")).ToList();
        Assert.Equal(handRowsBefore.Count, handRowsAfter.Count);
        Assert.All(handRowsBefore.Zip(handRowsAfter), pair => Assert.True(XNode.DeepEquals(pair.First, pair.Second), pair.Second.ToString()));

        // Everything outside the table is identical, node for node.
        Assert.True(XNode.DeepEquals(
            new XElement("x", before.Nodes().Where(n => n is not XElement { Name.LocalName: "table" })),
            new XElement("x", after.Nodes().Where(n => n is not XElement { Name.LocalName: "table" }))));
        Assert.Contains("<![CDATA[grep -r \"x\" /var/log && echo <done>]]>", merged, StringComparison.Ordinal);
        Assert.Contains("<ri:attachment ri:filename=\"screenshot.png\" />", merged, StringComparison.Ordinal);
        Assert.Contains("ac:local-id=\"4b1c9d3e-1234\"", merged, StringComparison.Ordinal);
        Assert.Contains("<col style=\"width: 170.0px;\" />", merged, StringComparison.Ordinal);
        Assert.Contains("Incident summary\u00A0— café ☕ &lt;draft&gt;", merged, StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_rows_carry_an_anchor_macro_with_the_note_key()
    {
        var merged = TimelineMerge.Merge(Page, [Row(42, 8, 0, who: "Dana (IR)", note: "first")], []);

        var anchor = Parse(merged).Descendants(Ac + "structured-macro").Single(m => (string?)m.Attribute(Ac + "name") == "anchor");
        Assert.Equal("tl-42", anchor.Element(Ac + "parameter")!.Value);
        Assert.Equal(["2026-11-25 08:00:00", "Dana (IR)", "first"], Rows(merged)[1]);
    }

    [Fact]
    public void Merging_the_same_notes_again_changes_nothing()
    {
        var rows = new[] { Row(1, 8, 0), Row(2, 10, 0) };
        var once = TimelineMerge.Merge(Page, rows, []);
        var twice = TimelineMerge.Merge(once, rows, []);

        Assert.Equal(once, twice);
        Assert.Equal(6, Rows(twice).Count);
    }

    [Fact]
    public void An_edited_note_is_replaced_where_it_stands()
    {
        var once = TimelineMerge.Merge(Page, [Row(1, 8, 0, "first"), Row(2, 10, 0, "second")], []);
        var edited = TimelineMerge.Merge(once, [Row(2, 10, 0, "second, corrected")], []);

        var rows = Rows(edited);
        Assert.Equal(6, rows.Count);
        Assert.Equal(["2026-11-25 10:00:00", "Dana (IR)", "second, corrected"], rows[4]);
        Assert.DoesNotContain(rows, r => r[2] == "second");
    }

    [Fact]
    public void A_row_moved_by_hand_is_updated_where_it_was_moved_to()
    {
        var once = TimelineMerge.Merge(Page, [Row(1, 8, 0, "first")], []);
        // Someone moves the bot row to the end by hand.
        var xml = Parse(once);
        var botRow = xml.Descendants("tr").ElementAt(1);
        botRow.Remove();
        xml.Descendants("tbody").Single().Add(botRow);
        var moved = string.Concat(xml.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));

        var edited = TimelineMerge.Merge(moved, [Row(1, 8, 0, "first, corrected")], []);

        Assert.Equal("first, corrected", Rows(edited)[^1][2]);
        Assert.Equal(5, Rows(edited).Count);
    }

    [Fact]
    public void A_deleted_note_leaves_the_page_and_hand_rows_stay()
    {
        var once = TimelineMerge.Merge(Page, [Row(1, 8, 0), Row(2, 10, 0)], []);
        var deleted = TimelineMerge.Merge(once, [], ["tl-1"]);

        Assert.Equal(["Time (UTC)", "2026-11-25 09:00", "around lunch", "2026-11-25 10:00:00", "2026-11-25 14:30 UTC"], FirstColumn(deleted));
    }

    [Fact]
    public void Markup_in_a_note_is_text_not_markup()
    {
        const string evil = "<script>alert(1)</script> </td></tr></table><ac:structured-macro ac:name=\"html\"/> &nbsp; & ]]>";
        var merged = TimelineMerge.Merge(Page, [Row(1, 8, 0, evil, who: "<b>Mallory</b> & co")], []);

        var xml = Parse(merged);
        Assert.Empty(xml.Descendants("script"));
        Assert.Empty(xml.Descendants("b"));
        Assert.DoesNotContain(xml.Descendants(Ac + "structured-macro"), m => (string?)m.Attribute(Ac + "name") == "html");
        Assert.Equal(["2026-11-25 08:00:00", "<b>Mallory</b> & co", evil], Rows(merged)[1]);
        Assert.Contains("&lt;script&gt;", merged, StringComparison.Ordinal);
    }

    [Fact]
    public void Unicode_and_line_breaks_survive()
    {
        var merged = TimelineMerge.Merge(Page, [Row(1, 8, 0, "Zoë: 攻撃を検知 🚨\nsecond line", who: "Zoë Ångström (Sécurité)")], []);

        var row = Parse(merged).Descendants("tr").ElementAt(1);
        Assert.Single(row.Descendants("br"));
        Assert.Equal(["2026-11-25 08:00:00", "Zoë Ångström (Sécurité)", "Zoë: 攻撃を検知 🚨second line"], Rows(merged)[1]);
    }

    [Fact]
    public void A_page_without_a_timeline_gets_a_heading_and_a_table_at_the_end()
    {
        const string page = "<p>Summary</p><ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\" />";
        var merged = TimelineMerge.Merge(page, [Row(1, 8, 0, "first")], []);

        var xml = Parse(merged);
        var elements = xml.Elements().ToList();
        Assert.Equal(["p", "structured-macro", "h2", "table"], elements.Select(e => e.Name.LocalName));
        Assert.Equal("Timeline", elements[2].Value);
        Assert.Equal([["Time (UTC)", "Who", "Note"], ["2026-11-25 08:00:00", "Dana (IR)", "first"]], Rows(merged));
    }

    [Fact]
    public void A_timeline_heading_without_a_table_gets_one_under_it()
    {
        const string page = "<h1>Incident 7</h1><h2>Timeline</h2><p>To be filled in.</p><h2>Actions</h2><p>None</p>";
        var merged = TimelineMerge.Merge(page, [Row(1, 8, 0)], []);

        Assert.Equal(["h1", "h2", "table", "p", "h2", "p"], Parse(merged).Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void A_table_in_another_section_is_not_taken_for_the_timeline()
    {
        const string page = "<h2>Timeline</h2><p>none yet</p><h2>Assets</h2><table><tbody><tr><td><p>2026-11-25 01:00</p></td></tr></tbody></table>";
        var merged = TimelineMerge.Merge(page, [Row(1, 8, 0)], []);

        var tables = Parse(merged).Elements("table").ToList();
        Assert.Equal(2, tables.Count);
        Assert.Single(tables[1].Descendants("tr"));
    }

    [Fact]
    public void A_table_with_a_thead_and_a_layout_section_is_found_and_filled()
    {
        const string page =
            "<ac:layout><ac:layout-section ac:type=\"single\"><ac:layout-cell><h3>Timeline</h3>" +
            "<table><thead><tr><th>Time</th><th>Who</th><th>Note</th></tr></thead><tbody>" +
            "<tr><td>2026-11-25T09:30</td><td>Eve</td><td>hand</td></tr></tbody></table>" +
            "</ac:layout-cell></ac:layout-section></ac:layout>";
        var merged = TimelineMerge.Merge(page, [Row(1, 8, 0), Row(2, 11, 0)], []);

        Assert.Equal(["Time", "2026-11-25 08:00:00", "2026-11-25T09:30", "2026-11-25 11:00:00"], FirstColumn(merged));
        Assert.Single(Parse(merged).Descendants("thead").Single().Elements("tr"));
    }

    [Fact]
    public void A_hand_time_without_a_date_takes_the_date_of_the_row_above()
    {
        const string page = "<h2>Timeline</h2><table><tbody><tr><th>Time</th><th>Who</th><th>Note</th></tr>" +
            "<tr><td>2026-11-25 09:00</td><td>Ann</td><td>a</td></tr>" +
            "<tr><td>10:32</td><td>Ann</td><td>b</td></tr>" +
            "<tr><td>12:00</td><td>Ann</td><td>c</td></tr></tbody></table>";
        var merged = TimelineMerge.Merge(page, [Row(1, 11, 0)], []);

        Assert.Equal(["Time", "2026-11-25 09:00", "10:32", "2026-11-25 11:00:00", "12:00"], FirstColumn(merged));
    }

    [Fact]
    public void A_table_with_only_a_header_gets_its_rows_in_the_body_not_the_head()
    {
        const string page = "<h2>Timeline</h2><table><thead><tr><th>Time</th><th>Who</th><th>Note</th></tr></thead></table>";
        var merged = TimelineMerge.Merge(page, [Row(1, 8, 0), Row(2, 9, 0)], []);

        var table = Parse(merged).Element("table")!;
        Assert.Single(table.Element("thead")!.Elements("tr"));
        Assert.Equal(2, table.Element("tbody")!.Elements("tr").Count());
    }

    [Fact]
    public void Bot_rows_are_found_even_after_the_heading_was_renamed()
    {
        var once = TimelineMerge.Merge(Page, [Row(1, 8, 0, "first")], []);
        var renamed = once.Replace("<h2>Timeline</h2>", "<h2>Chronology</h2>", StringComparison.Ordinal);

        var merged = TimelineMerge.Merge(renamed, [Row(2, 16, 0, "second")], []);

        Assert.Single(Parse(merged).Elements("table"));
        Assert.Equal(6, Rows(merged).Count);
    }

    [Fact]
    public void A_nested_table_in_a_cell_is_left_alone()
    {
        const string page = "<h2>Timeline</h2><table><tbody><tr><th>Time</th><th>Who</th><th>Note</th></tr>" +
            "<tr><td>2026-11-25 12:00</td><td>Ann</td><td><table><tbody><tr><td>2026-11-25 01:00</td></tr></tbody></table></td></tr></tbody></table>";
        var merged = TimelineMerge.Merge(page, [Row(1, 8, 0)], []);

        var outer = Parse(merged).Element("table")!;
        Assert.Equal(3, outer.Element("tbody")!.Elements("tr").Count());
        Assert.Equal("2026-11-25 08:00:00", Rows(merged)[1][0]);
    }

    [Fact]
    public void A_body_that_is_not_well_formed_is_refused_rather_than_rewritten()
    {
        Assert.Throws<TimelineMergeException>(() => TimelineMerge.Merge("<p>open <b>never closed</p>", [Row(1, 8, 0)], []));
    }

    [Fact]
    public void Nothing_to_merge_into_a_page_without_a_timeline_leaves_it_byte_for_byte()
    {
        Assert.Equal("<p>x&nbsp;y</p>", TimelineMerge.Merge("<p>x&nbsp;y</p>", [], ["tl-9"]));
    }

    [Fact]
    public void A_template_table_with_author_and_team_columns_gets_each_value_in_its_own_column()
    {
        // The layout of the incident template in the Confluence storage-format example: Time, Author, Team, Note.
        const string page =
            "<h2>Timeline</h2><table data-layout=\"default\"><tbody>" +
            "<tr><th><p><strong>Time (UTC)</strong></p></th><th><p><strong>Author</strong></p></th><th><p><strong>Team</strong></p></th><th><p><strong>Note</strong></p></th></tr>" +
            "<tr><td><p>2024-05-01 12:34</p></td><td><p>Jane Doe</p></td><td><p>SecOps</p></td><td><p>Containment started</p></td></tr>" +
            "</tbody></table>";
        var row = new TimelineRow(TimelineMerge.KeyOf(5), new DateTime(2024, 5, 1, 13, 0, 0, DateTimeKind.Utc), "Dana Fox (IR)", "Keys rotated", "Dana Fox", "IR");

        var merged = TimelineMerge.Merge(page, [row], []);

        var rows = Rows(merged);
        Assert.Equal(["2024-05-01 12:34", "Jane Doe", "SecOps", "Containment started"], rows[1]);
        Assert.Equal(["2024-05-01 13:00:00", "Dana Fox", "IR", "Keys rotated"], rows[2]);
    }
}
