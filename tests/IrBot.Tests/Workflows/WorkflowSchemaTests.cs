using System.Text.Json;
using IrBot.Workflows.Parsing;
using Json.Schema;
using static IrBot.Tests.Workflows.WorkflowFiles;

namespace IrBot.Tests.Workflows;

/// <summary>docs/workflows.schema.json (what editors check as people type) agrees with the upload's parser.</summary>
public class WorkflowSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(WorkflowFiles.Schema);

    /// <summary>Schema verdict on a parseable JSON text.</summary>
    internal static bool Accepts(string json) => Evaluate(json).IsValid;

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    [Fact]
    public void The_reference_sample_validates_against_the_schema_with_no_error()
    {
        var results = Evaluate(Sample);
        Assert.True(results.IsValid, string.Join("\n", results.Details?.Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
        Assert.True(WorkflowFileParser.Parse(Sample).IsValid);
    }

    public static TheoryData<string> BadFiles() => new()
    {
        """{"name":"w"}""",
        With(name: "\"\""),
        With(name: "\"sec-issue\""),
        With(name: "null"),
        With(triggers: """{"name":"t","type":"webhook","match":"x"}"""),
        With(triggers: """{"name":"t","type":"text"}"""),
        With(triggers: """{"name":"t","type":"text","match":""}"""),
        With(triggers: """{"type":"text","match":"x"}"""),
        """[{"name":"w","triggers":[],"steps":[{"name":"S","start_actions":[{"name":"F","type":"finished_workflow"}]}]}]""",
        """[{"name":"w","triggers":[{"name":"t","type":"text","match":"x"}]}]""",
        With("""{"name":"S","start_actions":[]}"""),
        With(Step("", Post)),
        With(Step("S", """{"name":"A","type":"send_email"}""")),
        With(Step("S", """{"type":"finished_workflow"}""")),
        With(Step("S", """{"name":"A","type":"create_channel","channel_name":"x"}""")),
        With(Step("S", """{"name":"A","type":"add_users_channel","channel_name":"x"}""")),
        With(Step("S", """{"name":"A","type":"post","channel_name":"x"}""")),
        With(Step("S", """{"name":"A","type":"transition_to"}""")),
        With(Step("S", """{"name":"A","type":"archive_channel"}""")),
        With(Step("S", """{"name":"A","type":"open_incident","title":""}""")),
        With(Step("S", """{"name":"A","type":"create_channel","channel_name":"x","channel_displayname":"X","private":"yes"}""")),
        With(Step("S", """{"name":"P","type":"post","channel_name":"x","message":"m","fields":[{"name":"F","type":"options"}]}""")),
        With(Step("S", """{"name":"P","type":"post","channel_name":"x","message":"m","fields":[{"name":"F","type":"checkbox"}]}""")),
        With(Step("S", """{"name":"P","type":"post","channel_name":"x","message":"m","fields":[{"name":"F","type":"options","options":["a","a"]}]}""")),
        With(Step("S", """{"name":"P","type":"post","channel_name":"x","message":"m","transitions":[{"label":"","to":"S"}]}""")),
        With(Step("S", "{\"name\":\"P\",\"type\":\"post\",\"channel_name\":\"x\",\"message\":\"m\",\"transitions\":[" +
            string.Join(",", Enumerable.Repeat("{\"label\":\"Again\",\"to\":\"S\"}", 26)) + "]}")),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Schema_and_parser_both_refuse_a_bad_file(string json)
    {
        Assert.False(WorkflowFileParser.Parse(json).IsValid);
        Assert.False(Evaluate(json).IsValid);
    }

    [Fact]
    public void Schema_and_parser_both_accept_unknown_keys_and_the_extension_action()
    {
        var json = With(Step("S", """{"name":"I","type":"open_incident","title":"{{.Trigger.t.Message}}","note":"x"}"""), name: "\"w\", \"comment\": 1");
        Assert.True(WorkflowFileParser.Parse(json).IsValid);
        Assert.True(Evaluate(json).IsValid);
    }
}
