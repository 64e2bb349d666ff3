namespace IrBot.Tests.Workflows;

/// <summary>Workflow files for tests: the reference's sample (copied into tests/fixtures) and a minimal one to vary.</summary>
internal static class WorkflowFiles
{
    public static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "workflows", "sample.json"));

    public static string Schema => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "workflows.schema.json"));

    public const string Trigger = """{"name":"t","type":"text","match":"#sec"}""";

    public const string Post = """{"name":"P","type":"post","channel_name":"town-square","message":"hi"}""";

    /// <summary>One workflow "w" with trigger "t" and the given steps (default: step "S" posting once).</summary>
    public static string With(string? steps = null, string? triggers = null, string name = "\"w\"") =>
        $$"""[{"name":{{name}},"triggers":[{{triggers ?? Trigger}}],"steps":[{{steps ?? Step("S", Post)}}]}]""";

    public static string Step(string name, params string[] startActions) =>
        $$"""{"name":"{{name}}","start_actions":[{{string.Join(",", startActions)}}]}""";
}
