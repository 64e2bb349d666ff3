using IrBot.Slack.BlockKit;
using System.Text.Json;

namespace IrBot.Workflows.Parsing;

/// <summary>The format's rule for every name: a letter, then letters, digits or underscores.</summary>
public static class WorkflowNames
{
    public const string Rule = "names must start with a letter and contain only letters, digits and underscores";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>A user-supplied string quoted for an error message: escaped and cut short.</summary>
    internal static string Quote(string value) =>
        JsonSerializer.Serialize(BlockLimits.Truncate(value, 80));
}
