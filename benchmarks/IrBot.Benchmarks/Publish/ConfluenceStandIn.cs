using System.Diagnostics;
using System.Globalization;
using IrBot.TestSupport;

/// <summary>
/// Confluence for the publish run, as its own process so its CPU (WireMock parsing and logging a 3 MB PUT) is not
/// counted as IR Bot's: TestSupport's <see cref="FakeConfluence"/>, which answers like Confluence Cloud's v2 pages
/// API and refuses what it refuses, holding <c>--pages</c> copies of the 1,000-row page (ids <c>bench-0</c>…).
/// The child prints its URL, then runs until its standard input closes.
/// </summary>
internal sealed class ConfluenceStandIn : IAsyncDisposable
{
    public const string Mode = "confluence-standin";
    private const string Ready = "ready ";

    private readonly Process _process;

    private ConfluenceStandIn(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static string PageId(int index) => "bench-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The child's CPU time so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>In the child: serve until the parent closes our standard input.</summary>
    public static async Task ServeAsync(int pages)
    {
        using var confluence = FakeConfluence.Start();
        var body = TimelinePage.Body();
        for (var i = 0; i < pages; i++)
        {
            confluence.AddPage(PageId(i), "Incident " + i.ToString(CultureInfo.InvariantCulture), body);
        }

        Console.WriteLine(Ready + confluence.BaseUrl);
        await Console.In.ReadToEndAsync();
        if (!confluence.Violations.IsEmpty)
        {
            await Console.Error.WriteLineAsync("Confluence stand-in refused: " + string.Join("; ", confluence.Violations));
        }
    }

    public static async Task<ConfluenceStandIn> StartAsync(int pages)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IrBot.Benchmarks.dll"), Mode, "--pages", pages.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };

        // Under dotnet-trace the parent's diagnostic port setting would make the child wait for a tracer that never comes.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith(Ready, StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The Confluence stand-in did not start: " + line);
        }

        return new ConfluenceStandIn(process, line[Ready.Length..].Trim());
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
