using Serilog;
using Serilog.Events;

namespace IrBot.Hosting;

/// <summary>
/// The log levels under <c>Serilog:MinimumLevel</c>: a level, or <c>Default</c> and <c>Override:&lt;source&gt;</c>, as
/// Serilog's own configuration reader writes them. Read here instead of by Serilog.Settings.Configuration, which scans
/// the application's dependencies for sink assemblies and loads every Serilog one it finds, each start, to offer sinks IR
/// Bot does not take from settings: its sinks are fixed in code, so levels are the only log settings.
/// </summary>
internal static class LogLevelSettings
{
    public const string Section = "Serilog";

    /// <summary>The levels the settings ask for; a bad level or a setting IR Bot does not read is an <see cref="InvalidSettingException"/>.</summary>
    public static (LogEventLevel? Default, IReadOnlyList<(string Source, LogEventLevel Level)> Overrides) Read(IConfiguration configuration)
    {
        var serilog = configuration.GetSection(Section);
        foreach (var child in serilog.GetChildren())
        {
            if (!string.Equals(child.Key, "MinimumLevel", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidSettingException(
                    $"{child.Path} is not a setting IR Bot reads: it writes its log to standard output in code, and under {Section} only MinimumLevel (a level, or Default and Override:<source>) is read.");
            }
        }

        var minimum = serilog.GetSection("MinimumLevel");
        // A level of its own is the default. Some configuration sources give a section with children an empty value.
        LogEventLevel? defaultLevel = minimum.Value is { Length: > 0 } single ? Parse(minimum.Path, single) : null;
        var overrides = new List<(string, LogEventLevel)>();
        foreach (var child in minimum.GetChildren())
        {
            if (string.Equals(child.Key, "Default", StringComparison.OrdinalIgnoreCase))
            {
                defaultLevel = Parse(child.Path, child.Value);
            }
            else if (string.Equals(child.Key, "Override", StringComparison.OrdinalIgnoreCase))
            {
                overrides.AddRange(child.GetChildren().Select(source => (source.Key, Parse(source.Path, source.Value))));
            }
            else
            {
                throw new InvalidSettingException($"{child.Path} is not a setting IR Bot reads: under {minimum.Path} use Default and Override:<source>.");
            }
        }

        return (defaultLevel, overrides);
    }

    /// <summary>Applies <paramref name="levels"/> after the code's own defaults, so a setting wins over them.</summary>
    public static LoggerConfiguration Apply(this LoggerConfiguration logger, (LogEventLevel? Default, IReadOnlyList<(string Source, LogEventLevel Level)> Overrides) levels)
    {
        if (levels.Default is { } level)
        {
            logger.MinimumLevel.Is(level);
        }

        foreach (var (source, sourceLevel) in levels.Overrides)
        {
            logger.MinimumLevel.Override(source, sourceLevel);
        }

        return logger;
    }

    private static LogEventLevel Parse(string path, string? value) =>
        Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(value, out _)
            ? level
            : string.Equals(value, "Off", StringComparison.OrdinalIgnoreCase)
                ? LevelAlias.Off
                : throw new InvalidSettingException(
                    $"{path} is '{value}': use Verbose, Debug, Information, Warning, Error, Fatal or Off.");
}
