using IrBot.Workflows.Definitions;

namespace IrBot.Workflows.Triggers;

/// <summary>A workflow to start, and the trigger that started it.</summary>
public sealed record TriggerMatch(WorkflowDefinition Workflow, TextTrigger Trigger);
