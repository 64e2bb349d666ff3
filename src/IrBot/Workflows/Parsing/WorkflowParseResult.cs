using IrBot.Workflows.Definitions;

namespace IrBot.Workflows.Parsing;

/// <summary>
/// Either every workflow of a file, validated, or every error found (then <see cref="Workflows"/> is
/// empty: a file is accepted whole or not at all).
/// </summary>
public sealed record WorkflowParseResult(IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
