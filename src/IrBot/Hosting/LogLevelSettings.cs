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
        var overrides = new List<(string, LogEventLevel)>();
        foreach (var child in minimum.GetChildren())
        {
            if (string.Equals(child.Key, "Override", StringComparison.OrdinalIgnoreCase))
            {
                if (!child.GetChildren().Any() && child.Value is { Length: > 0 })
                {
                    throw new InvalidSettingException($"{child.Path} needs a source: {child.Path}:<source> (e.g. {child.Path}:Quartz).");
                }

                overrides.AddRange(child.GetChildren().Select(source => (source.Key, Parse(source.Path, source.Value))));
            }
            else if (!string.Equals(child.Key, "Default", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidSettingException($"{child.Path} is not a setting IR Bot reads: under {minimum.Path} use Default and Override:<source>.");
            }
        }

        return (DefaultLevel(configuration, minimum), overrides);
    }

    /// <summary>
    /// <c>MinimumLevel</c> given a level, or its <c>Default</c>: whichever the later source sets, as Serilog reads them
    /// (appsettings.json sets <c>Default</c>; <c>Serilog__MinimumLevel=Debug</c> in the environment still wins).
    /// </summary>
    private static LogEventLevel? DefaultLevel(IConfiguration configuration, IConfigurationSection minimum)
    {
        var defaultPath = ConfigurationPath.Combine(minimum.Path, "Default");
        var providers = configuration is IConfigurationRoot root ? root.Providers.Reverse() : [];
        foreach (var provider in providers)
        {
            // Some sources give a section with children an empty value of its own.
            if (provider.TryGet(minimum.Path, out var level) && level is { Length: > 0 })
            {
                return Parse(minimum.Path, level);
            }

            if (provider.TryGet(defaultPath, out var byDefault))
            {
                return Parse(defaultPath, byDefault);
            }
        }

        return minimum.Value is { Length: > 0 } single ? Parse(minimum.Path, single)
            : configuration[defaultPath] is { } value ? Parse(defaultPath, value)
            : null;
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
        // Enum.TryParse also takes numbers and comma-joined names ("Information,Debug"); a level is one name.
        Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(value, out _) && !value!.Contains(',', StringComparison.Ordinal)
            ? level
            : string.Equals(value, "Off", StringComparison.OrdinalIgnoreCase)
                ? LevelAlias.Off
                : throw new InvalidSettingException(
                    $"{path} is '{value}': use Verbose, Debug, Information, Warning, Error, Fatal or Off.");
}
