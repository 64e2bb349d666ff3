using IrBot.Workflows.Definitions;

namespace IrBot.Workflows.Sets;

/// <summary>A stored version's validated workflows.</summary>
public sealed record WorkflowSet(int VersionId, IReadOnlyList<WorkflowDefinition> Workflows)
{
    public WorkflowDefinition? Find(string name) => Workflows.FirstOrDefault(w => w.Name == name);
}
