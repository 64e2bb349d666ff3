namespace IrBot.Workflows.Definitions;

/// <summary>A field of a post: a button (the clicker becomes the value) or a select of <see cref="Options"/>.</summary>
public sealed record PostField(string Name, PostFieldType Type, string? Description, IReadOnlyList<string> Options);
