using IrBot.Workflows.Parsing;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows.Sets;

/// <summary>An unreadable or invalid <c>Workflows:File</c> stops the start, saying why.</summary>
public sealed class WorkflowFileValidation : IValidateOptions<WorkflowsOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.File)) return ValidateOptionsResult.Success;
        string json;
        try
        {
            json = System.IO.File.ReadAllText(options.File);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Workflows:File {options.File} cannot be read: {ex.Message}");
        }

        var result = WorkflowFileParser.Parse(json);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"Workflows:File {options.File}: {e}"));
    }
}
