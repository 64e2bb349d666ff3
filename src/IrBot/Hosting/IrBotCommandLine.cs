using System.CommandLine;
using System.Reflection;

namespace IrBot.Hosting;

/// <summary>What each command runs, given the arguments left for the host (ASP.NET settings such as <c>--urls</c>).</summary>
public sealed record IrBotCommands(
    Func<string[], Task<int>> Serve,
    Func<string[], Task<int>> Migrate,
    Func<string[], Task<int>> CheckConfig);

/// <summary>
/// <c>IrBot [serve] | migrate | check-config | --help</c>. Options the command line does not know (<c>--urls</c>,
/// <c>--Slack:BotToken=…</c>) go on to the host's configuration, as <c>dotnet IrBot.dll --urls …</c> always did.
/// Exit codes: 0 done, 1 failed (e.g. the database is unreachable), 2 bad usage or bad settings.
/// </summary>
public static class IrBotCommandLine
{
    public const int BadUsage = 2;
    public const int BadConfiguration = 2;
    public const int ProbeFailed = 1;
    public const string ProbeOption = "--probe";

    public static async Task<int> InvokeAsync(string[] args, IrBotCommands commands)
    {
        var root = new RootCommand("IR Bot: runs a security team's incidents from Slack. Without a command it serves.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((_, _) => RunAsync(commands.Serve, args));
        root.Subcommands.Add(Subcommand("serve", "Serve Slack and the health endpoints (the default).", commands.Serve, args));
        root.Subcommands.Add(Subcommand("migrate", "Apply the database migrations and exit.", commands.Migrate, args));
        var checkConfig = Subcommand(
            "check-config",
            "Validate every setting as the service does at start, print one line per problem; exit 0 when all are fine, 2 otherwise.",
            commands.CheckConfig,
            args);
        checkConfig.Options.Add(new Option<bool>(ProbeOption)
        {
            Description = "Then make one read-only call to Slack and each integration that is on, one line per system (ok or FAILED: why); exit 1 when one fails.",
        });
        root.Subcommands.Add(checkConfig);

        // No @response files: an argument starting with @ is a setting value, not a file to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        // A first word that names no command is a typo (`IrBot migrat`), not a server start.
        var typo = parsed.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-');
        if (typo || parsed.Errors.Count > 0)
        {
            var error = Console.Error;
            await error.WriteLineAsync(typo ? $"Unknown command '{args[0]}'." : string.Join(' ', parsed.Errors.Select(e => e.Message)));
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = error });
            return BadUsage;
        }

        // Our own handling of exceptions: a configuration error is one line, anything else keeps its stack trace
        // (and the test host's abort exception must pass through untouched).
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static Command Subcommand(string name, string description, Func<string[], Task<int>> run, string[] args)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        var rest = args.ToList();
        rest.Remove(name);
        command.SetAction((_, _) => RunAsync(run, [.. rest]));
        return command;
    }

    /// <summary>
    /// False when a test harness runs <c>Program</c> in its own process (WebApplicationFactory): there the exception
    /// itself must reach the harness, an exit code would be lost.
    /// </summary>
    private static bool OwnsProcess => Assembly.GetEntryAssembly() == typeof(IrBotCommandLine).Assembly;

    private static async Task<int> RunAsync(Func<string[], Task<int>> run, string[] hostArgs)
    {
        try
        {
            return await run(hostArgs);
        }
        catch (Exception ex) when (OwnsProcess && ConfigurationErrors.Describe(ex) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync("IR Bot cannot start: " + string.Join(" ", problems));
            return BadConfiguration;
        }
    }
}
