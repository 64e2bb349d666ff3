using IrBot.Workflows.Templates;

namespace IrBot.Tests.Workflows;

public class TemplateTests
{
    [Fact]
    public void Variables_are_listed_once_in_order_of_appearance()
    {
        var template = Template.Parse("Likelihood: {{.Action.TriagePost.Likelihood}} #{{.Instance.Number}} {{.Action.TriagePost.Likelihood}}");
        Assert.Equal([".Action.TriagePost.Likelihood", ".Instance.Number"], template.Variables.Select(v => v.Key));
        Assert.Equal("{{.Instance.Number}}", template.Variables[1].Display);
    }

    [Fact]
    public void Rendering_fills_the_instance_trigger_channel_and_field_values()
    {
        var values = new TemplateValues()
            .SetInstanceNumber(7)
            .SetTrigger("IssueReported", "#sec leaked key", "U123", "general")
            .SetChannelName("CreateWarroom", "security-issue-7")
            .SetFieldValue("TriagePost", "Impact", "I2");
        var template = Template.Parse("#{{.Instance.Number}} in ~{{.Action.CreateWarroom.ChannelName}}: {{.Trigger.IssueReported.Message}} " +
            "by {{.Trigger.IssueReported.User}} in {{.Trigger.IssueReported.ChannelName}}, impact {{.Action.TriagePost.Impact}}");

        Assert.Equal("#7 in ~security-issue-7: #sec leaked key by U123 in general, impact I2", template.Render(values.Lookup));
    }

    [Fact]
    public void A_value_nobody_chose_yet_renders_as_the_missing_text() =>
        Assert.Equal("Severity: (not set)", Template.Parse("Severity: {{.Action.TriagePost.Severity}}").Render(new TemplateValues().Lookup, "(not set)"));

    [Fact]
    public void Spaces_inside_the_braces_are_tolerated_like_go() =>
        Assert.Equal("n=3", Template.Parse("n={{ .Instance.Number }}").Render(new TemplateValues().SetInstanceNumber(3).Lookup));

    [Fact]
    public void Go_trim_markers_remove_the_white_space_beside_them() =>
        Assert.Equal("a3b", Template.Parse("a  {{- .Instance.Number -}}  \n b").Render(new TemplateValues().SetInstanceNumber(3).Lookup));

    [Fact]
    public void Text_without_actions_renders_as_written()
    {
        var template = Template.Parse("New issue to triage:\n ```}} { x }```");
        Assert.Empty(template.Variables);
        Assert.Equal("New issue to triage:\n ```}} { x }```", template.Render(_ => "never"));
    }

    [Theory]
    [InlineData("{{}}", "unsupported template syntax {{}} at character 1: only variables like {{.Instance.Number}} are allowed")]
    [InlineData("x {{ .A.B", "template has an unclosed {{ at character 3")]
    [InlineData("{{.}}", "unsupported template syntax {{.}} at character 1: only variables like {{.Instance.Number}} are allowed")]
    [InlineData("{{.A..B}}", "unsupported template syntax {{.A..B}} at character 1: only variables like {{.Instance.Number}} are allowed")]
    [InlineData("{{.A.1B}}", "unsupported template syntax {{.A.1B}} at character 1: only variables like {{.Instance.Number}} are allowed")]
    [InlineData("{{/* c */}}", "unsupported template syntax {{/* c */}} at character 1: only variables like {{.Instance.Number}} are allowed")]
    [InlineData("ok {{.A | printf}}", "unsupported template syntax {{.A | printf}} at character 4: only variables like {{.Instance.Number}} are allowed")]
    [InlineData("{{-.A}}", "unsupported template syntax {{-.A}} at character 1: only variables like {{.Instance.Number}} are allowed")]
    public void Syntax_beyond_variables_is_an_error(string source, string expected)
    {
        Assert.False(Template.TryParse(source, out _, out var error));
        Assert.Equal(expected, error);
    }
}
