namespace IrBot.Workflows.Definitions;

/// <summary>A button on a post that moves the instance to step <see cref="To"/>.</summary>
public sealed record PostTransition(string Label, string? Description, string To);
