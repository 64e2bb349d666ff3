using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>One thing a step does; <see cref="Type"/> is the file's <c>type</c> value.</summary>
public abstract record WorkflowAction(string Name)
{
    public abstract string Type { get; }

    /// <summary>Every template of the action, for validation and for the runtime's rendering.</summary>
    public abstract IEnumerable<Template> Templates { get; }
}
