using IrBot.Integrations.Confluence;

namespace IrBot.Tests.Integrations.Confluence;

public sealed class ConfluenceTemplateTests
{
    [Fact]
    public void Template_declarations_are_stripped_and_variables_filled_with_escaped_text()
    {
        const string template =
            "<at:declarations><at:string at:name=\"title\" /><at:list at:name=\"sev\"><at:option at:value=\"High\"/></at:list></at:declarations>"
            + "<h1><at:var at:name=\"title\" /></h1><p>Severity: <at:var at:name=\"sev\">x</at:var></p>";

        var body = ConfluencePages.FromTemplate(template, new Dictionary<string, string> { ["title"] = "Logins <from> \"ASN\" & co" });

        Assert.Equal("<h1>Logins &lt;from&gt; &quot;ASN&quot; &amp; co</h1><p>Severity: </p>", body);
    }
}
