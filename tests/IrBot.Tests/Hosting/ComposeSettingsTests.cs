using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using IrBot.Integrations;
using IrBot.Slack.WebApi;

namespace IrBot.Tests.Hosting;

/// <summary>
/// docker-compose.yml and .env.example name settings as environment variables (<c>Section__Key</c>); a misspelt one
/// is silently ignored by the configuration binder, so each must be a setting the code reads.
/// </summary>
public sealed partial class ComposeSettingsTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string> Files() => new() { "docker-compose.yml", ".env.example" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_setting_the_file_names_is_one_the_code_reads(string file)
    {
        var keys = SettingKeys(File.ReadAllText(Path.Combine(Root, file)));

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(IsRead(key), $"{file} names {key}, which no options class or setting read by IR Bot has"));
    }

    [Fact]
    public void The_example_env_file_covers_every_integration()
    {
        var keys = SettingKeys(File.ReadAllText(Path.Combine(Root, ".env.example")));

        foreach (var section in new[] { "Slack", "IrTeam", "IrBot", "Confluence", "Jira", "TheHive", "SumoLogic", "Workflows", "Work" })
        {
            Assert.Contains(keys, k => k.StartsWith(section + "__", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Compose_sets_no_setting_that_the_example_env_file_offers()
    {
        // An `environment:` entry overrides the same key from env_file, so the operator's value would be lost.
        var composed = SettingKeys(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        var offered = SettingKeys(File.ReadAllText(Path.Combine(Root, ".env.example")));

        Assert.Empty(composed.Intersect(offered, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(new[] { "ConnectionStrings__IrBot" }, composed);
    }

    private static List<string> SettingKeys(string text) =>
        SettingKey().Matches(text).Select(m => m.Groups["key"].Value).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsRead(string key)
    {
        var segments = key.Split("__");
        switch (segments[0])
        {
            case "ConnectionStrings":
                return segments is [_, "IrBot"];
            case "Database":
                return segments is [_, "MigrateOnStart"];
            case "Schedules":
                return segments.Length == 2;
            case "Resilience":
                // Named options: Resilience:{System}:{Setting}.
                return segments.Length == 3 && IsProperty(typeof(IntegrationResilienceOptions), segments[2..]);
        }

        // Several options classes may share a section (Workflows).
        return OptionsSections()[segments[0]].Any(options => IsProperty(options, segments[1..]));
    }

    private static bool IsProperty(Type type, string[] path)
    {
        if (path.Length == 0)
        {
            return true;
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
        {
            return false;
        }

        var propertyType = property.PropertyType;
        if (propertyType == typeof(string) || propertyType.IsValueType)
        {
            return path.Length == 1;
        }

        if (typeof(IDictionary).IsAssignableFrom(propertyType))
        {
            return path.Length <= 2;
        }

        if (typeof(IEnumerable).IsAssignableFrom(propertyType))
        {
            return path.Length == 1 || (path.Length == 2 && int.TryParse(path[1], out _));
        }

        return IsProperty(propertyType, path[1..]);
    }

    /// <summary>Every options class, by its <c>Section</c> constant, in IR Bot and its Slack library.</summary>
    private static ILookup<string, Type> OptionsSections() =>
        new[] { typeof(IrBotOptions).Assembly, typeof(SlackOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .ToLookup(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.Ordinal);

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IrBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IrBot.sln not found above " + AppContext.BaseDirectory);
    }

    // A key at the start of a line, maybe commented out (.env.example) or indented (compose), then = or :.
    [GeneratedRegex(@"^\s*#?\s*(?<key>[A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)\s*[:=]", RegexOptions.Multiline)]
    private static partial Regex SettingKey();
}
