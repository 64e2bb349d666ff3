namespace IrBot.Workflows.Definitions;

/// <summary>How a post field is filled in: a button (the clicker is the value) or a select.</summary>
public enum PostFieldType
{
    Button,
    Options,
}
