using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IrBot.TestSupport;

/// <summary>
/// IR Bot as a real process (<c>dotnet IrBot.dll</c>, the build beside the tests), for what an in-process host
/// cannot show: a <c>kill -9</c> in the middle of a job. Settings go in as environment variables, as in a container.
/// </summary>
public sealed class IrBotProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private IrBotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote (its log), for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts IR Bot on a free port with the usual test settings over <paramref name="settings"/>, and waits until it answers.</summary>
    /// <param name="urlsOnCommandLine">Give the address as <c>--urls</c> on the command line instead of <c>ASPNETCORE_URLS</c>.</param>
    public static async Task<IrBotProcess> StartAsync(string connectionString, FakeSlack slack, IDictionary<string, string?> settings, bool urlsOnCommandLine = false)
    {
        var app = Launch(connectionString, slack, settings, [], urlsOnCommandLine);
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                Assert.False(app._process.HasExited, "IR Bot exited at start:\n" + app.Output);
                try
                {
                    return (await app.Client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the IR Bot process answers",
            TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>Runs IR Bot (e.g. with <c>migrate</c>, or until it gives up at start) and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunToExitAsync(string connectionString, FakeSlack slack, params string[] args) =>
        RunToExitAsync(connectionString, slack, new Dictionary<string, string?>(), args);

    /// <summary>As above, with <paramref name="settings"/> over the usual test settings.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        string connectionString, FakeSlack slack, IDictionary<string, string?> settings, params string[] args)
    {
        using var app = Launch(connectionString, slack, settings, args, urlsOnCommandLine: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await app._process.WaitForExitAsync(timeout.Token);
        app._process.WaitForExit(); // drains the redirected output
        return (app._process.ExitCode, app.Output);
    }

    private static IrBotProcess Launch(string connectionString, FakeSlack slack, IDictionary<string, string?> settings, string[] args, bool urlsOnCommandLine)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        string[] urls = urlsOnCommandLine ? ["--urls", url] : [];
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IrBot.dll"), .. args, .. urls])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var all = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = urlsOnCommandLine ? null : url,
            ["ConnectionStrings:IrBot"] = connectionString,
            ["Slack:SigningSecret"] = IrBotApp.SigningSecret,
            ["Slack:BotToken"] = IrBotApp.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            // The fake Slack has no rate limits and tests post in bursts; pacing has its own tests (SlackPacingHandlerTests).
            ["Slack:Pacing"] = "false",
            ["IrTeam:Members:0"] = IrBotApp.IrMember,
            ["IrBot:AdminChannelId"] = IrBotApp.AdminChannel,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new IrBotProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => app.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public async Task<HttpResponseMessage> SendCommandAsync(string text, FakeSlack slack)
    {
        using var request = IrBotApp.Signed("/slack/commands", SlackPayloads.SlashCommand("/irbot", text, IrBotApp.IrMember, "CREQUEST01", slack.ResponseUrl()), "application/x-www-form-urlencoded");
        return await Client.SendAsync(request);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is released.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Client.Dispose();
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
