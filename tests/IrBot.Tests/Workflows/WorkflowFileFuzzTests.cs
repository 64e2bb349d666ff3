using System.Diagnostics;
using System.Text.Json.Nodes;
using CsCheck;
using IrBot.Workflows.Parsing;

namespace IrBot.Tests.Workflows;

/// <summary>Whatever the file, the parser answers with workflows or errors: no exception, no hang.</summary>
public class WorkflowFileFuzzTests
{
    private static readonly string Sample = WorkflowFiles.Sample;

    private static readonly string[] Tokens =
    [
        "[", "]", "{", "}", ",", ":", "\"", "null", "true", "1e999", "-0", "123456789012345678901234567890", "\"name\"", "\"type\"",
        "\"text\"", "\"post\"", "\"{{\"", "\"}}\"", "\"{{.Action.X.ChannelName}}\"", "\"(\"", "\"\\u0000\"", "\"\\ud800\"", "\\", " ", "\n",
    ];

    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(1e300), JsonValue.Create(true), JsonValue.Create(""), JsonValue.Create(" "), JsonValue.Create("a-b"),
        JsonValue.Create("{{"), JsonValue.Create("{{.Nope}}"), JsonValue.Create("{{.Action.TriagePost.Impact}}"), JsonValue.Create("(?<=x"),
        JsonValue.Create("Triage"), JsonValue.Create("Setup"), JsonValue.Create("post"), JsonValue.Create("transition_to"),
        JsonValue.Create("options"), JsonValue.Create("text"), JsonValue.Create("CreateWarroom"), JsonValue.Create(new string('x', 5000)), JsonValue.Create("Resolved"),
        JsonValue.Create("button"), JsonValue.Create("finished_workflow"), JsonValue.Create("archive_channel"), JsonValue.Create("x"),
        JsonValue.Create("{{.Trigger.IssueReported.User}}"), new JsonArray(), new JsonObject(), JsonValue.Create(false),
    ];

    private static void ParsesQuickly(string json)
    {
        // A hang guard, not a speed target (speed lives in benchmarks): a blow-up would take minutes.
        var clock = Stopwatch.StartNew();
        var result = WorkflowFileParser.Parse(json);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed} on {json}");
        Assert.True(result.IsValid ? result.Errors.Count == 0 : result.Workflows.Count == 0 && result.Errors.All(e => e.StartsWith(WorkflowFileParser.Prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Random_token_soup_only_ever_gives_a_validation_result() =>
        Gen.Int[0, Tokens.Length - 1].Array[0, 60].Select(picks => string.Concat(picks.Select(i => Tokens[i])))
            .Sample(ParsesQuickly, iter: 3000);

    [Fact]
    public void Byte_level_mutations_of_the_sample_only_ever_give_a_validation_result() =>
        Gen.Select(Gen.Int[0, Sample.Length - 1], Gen.Int[0, 20], Gen.Int[0, Tokens.Length - 1])
            .Array[1, 5]
            .Select(edits => edits.Aggregate(Sample, (text, edit) =>
            {
                var (at, cut, token) = edit;
                at = Math.Min(at, text.Length);
                return text.Remove(at, Math.Min(cut, text.Length - at)).Insert(at, Tokens[token]);
            }))
            .Sample(ParsesQuickly, iter: 1000);

    [Fact]
    public void Structural_mutations_of_the_sample_give_a_validation_result_the_schema_never_contradicts() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, Replacements.Length], Gen.Bool).Array[1, 4]
            .Select(edits =>
            {
                var root = JsonNode.Parse(Sample)!;
                foreach (var (pick, replacement, remove) in edits)
                {
                    var nodes = Descendants(root).Where(n => n.Parent is not null).ToList();
                    if (nodes.Count == 0) break;
                    var node = nodes[pick % nodes.Count];
                    var value = replacement == Replacements.Length ? Descendants(root).First().DeepClone() : Replacements[replacement]?.DeepClone();
                    switch (node.Parent)
                    {
                        case JsonObject parent when remove: parent.Remove(node.GetPropertyName()); break;
                        case JsonObject parent: parent[node.GetPropertyName()] = value; break;
                        case JsonArray parent when remove: parent.RemoveAt(node.GetElementIndex()); break;
                        case JsonArray parent: parent[node.GetElementIndex()] = value; break;
                    }
                }
                return root.ToJsonString();
            })
            .Sample(json =>
            {
                ParsesQuickly(json);
                // The parser is the stricter of the two: whatever it accepts, editors must not flag.
                if (WorkflowFileParser.Parse(json).IsValid) Assert.True(WorkflowSchemaTests.Accepts(json), json);
            }, iter: 1000);

    [Fact]
    public void The_largest_allowed_workflow_with_every_step_linked_to_every_other_is_valid_and_does_not_hang()
    {
        // 100 steps of 10 actions; each step's posts offer transitions to 25 other steps, and each post
        // shows the field of the post before it: the worst the limits allow for the reference analysis.
        var steps = Enumerable.Range(0, WorkflowFileParser.MaxSteps).Select(s => WorkflowFiles.Step($"S{s}",
            Enumerable.Range(0, 10).Select(a =>
            {
                var transitions = string.Join(",", Enumerable.Range(1, 25).Select(t => $$"""{"label":"L{{t}}","to":"S{{(s + a * 25 + t) % 100}}"}"""));
                var message = a == 0 ? "first" : $"{{{{.Action.A{s}_{a - 1}.F}}}}";
                return $$"""{"name":"A{{s}}_{{a}}","type":"post","channel_name":"c","message":"{{message}}","fields":[{"name":"F","type":"button"}],"transitions":[{{transitions}}]}""";
            }).ToArray()));
        var json = WorkflowFiles.With(string.Join(",", steps), triggers: """{"name":"t","type":"text","match_regex":"(((a{100}){100}){100})+b"}""");

        // A hang guard, not a speed target: the reference analysis is bounded by the limits.
        var clock = Stopwatch.StartNew();
        var result = WorkflowFileParser.Parse(json);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Take(3)));
    }

    [Fact]
    public void Renaming_anything_the_sample_refers_to_is_caught_at_upload()
    {
        // Renaming any step, action or trigger without its references must never slip through.
        foreach (var name in new[] { "Triage", "DevelopFix", "Resolved", "CreateWarroom", "TriagePost", "IssueReported" })
        {
            var renamed = Sample.Replace($"\"name\": \"{name}\"", "\"name\": \"Renamed\"", StringComparison.Ordinal);
            Assert.False(WorkflowFileParser.Parse(renamed).IsValid, name);
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child)) yield return descendant;
        }
    }
}
