using IrBot.TestSupport;

/// <summary>
/// How the benchmarks start IR Bot as its own process: production logging (compact JSON, one request line per request),
/// the Slack stand-in, one IR team member and the admin channel; then the runtime settings of the Dockerfile above the
/// build, so it runs as its image runs it; then the run's own settings; then <c>--bot-setting KEY=VALUE</c>, which wins.
/// </summary>
internal static class BotEnvironment
{
    public static Dictionary<string, string?> For(
        FakeSlack slack, string buildDirectory, string name, IReadOnlyList<string> botSettings, IReadOnlyDictionary<string, string?>? run = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Slack:SigningSecret"] = IrBotApp.SigningSecret,
            ["Slack:BotToken"] = IrBotApp.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["IrTeam:Members:0"] = IrBotApp.IrMember,
            ["IrBot:AdminChannelId"] = IrBotApp.AdminChannel,
        };
        foreach (var (key, value) in DockerfileRuntimeSettings(buildDirectory, name).Concat(run ?? new Dictionary<string, string?>()))
        {
            environment[key] = value;
        }

        foreach (var setting in botSettings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            environment[setting[..equals]] = setting[(equals + 1)..];
        }

        return environment;
    }

    /// <summary>The runtime's <c>DOTNET_…</c> and glibc's <c>GLIBC_TUNABLES</c> the <c>ENV</c> of the Dockerfile above <paramref name="build"/> sets, so a build runs here as in its image.</summary>
    private static Dictionary<string, string?> DockerfileRuntimeSettings(string build, string name)
    {
        var dir = new DirectoryInfo(build);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dockerfile")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            Console.WriteLine($"{name}: no Dockerfile above {build}; the runtime's defaults");
            return [];
        }

        var settings = RuntimeEnv(File.ReadAllLines(Path.Combine(dir.FullName, "Dockerfile")));
        Console.WriteLine($"{name} runs with its Dockerfile's {string.Join(" ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        return settings;
    }

    /// <summary>
    /// The <c>KEY=VALUE</c> pairs of the <c>ENV</c> instructions of the image's last stage (what it runs with), continuation
    /// lines joined and comments skipped, keeping the runtime's and glibc's. A later <c>ENV</c> wins, as in Docker.
    /// </summary>
    internal static Dictionary<string, string?> RuntimeEnv(IReadOnlyList<string> dockerfile)
    {
        var instructions = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in dockerfile.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            current.Append(line.TrimEnd('\\')).Append(' ');
            if (!line.EndsWith('\\'))
            {
                instructions.Add(current.ToString().Trim());
                current.Clear();
            }
        }

        var lastStage = instructions.FindLastIndex(i => i.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var env in instructions.Skip(lastStage + 1).Where(i => i.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var pair in env[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Contains('=', StringComparison.Ordinal)))
            {
                var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim('"'));
                if ((key.StartsWith("DOTNET_", StringComparison.Ordinal) && !key.StartsWith("DOTNET_CLI_", StringComparison.Ordinal)) || key == "GLIBC_TUNABLES")
                {
                    settings[key] = value;
                }
            }
        }

        return settings;
    }
}
