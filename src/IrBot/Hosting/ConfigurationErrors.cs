using Microsoft.Extensions.Options;

namespace IrBot.Hosting;

/// <summary>
/// Turns the exceptions a bad setting causes (options validation, a schedule, a value the binder cannot convert)
/// into one plain line per problem; anything else is not a configuration error and keeps its stack trace.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>The problems <paramref name="exception"/> reports, or an empty list when it is not about settings.</summary>
    public static IReadOnlyList<string> Describe(Exception exception)
    {
        var problems = new List<string>();
        Collect(exception, problems);
        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs every <c>ValidateOnStart</c> validation the service runs at start, without starting it.</summary>
    public static IReadOnlyList<string> Validate(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception ex) when (Describe(ex) is { Count: > 0 } problems)
        {
            return problems;
        }
    }

    private static void Collect(Exception exception, List<string> problems)
    {
        switch (exception)
        {
            case OptionsValidationException options:
                problems.AddRange(options.Failures.Select(OneLine));
                break;
            case InvalidSettingException setting:
                problems.Add(OneLine(setting.Message));
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, problems);
                }

                break;
            // The configuration binder: "Failed to convert configuration value 'many' at 'Work:Concurrency' to type 'System.Int32'."
            case InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                problems.Add(OneLine(conversion.Message));
                break;
            case { InnerException: { } inner }:
                Collect(inner, problems);
                break;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
