using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// A load target (the floor, or IR Bot's Release build) as its own process, so the CPU time and RSS read from it
/// are its own and not the load generator's. Its output is read and thrown away (IR Bot writes a line per request,
/// as in production); the last lines are kept for an error message.
/// </summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Dictionary<string, long> _tieringSeen = [];
    private long _lines;
    private long _tieringTicks;

    private TargetProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Id => _process.Id;

    /// <summary>Lines the target wrote (IR Bot: its request log).</summary>
    public long Lines => Interlocked.Read(ref _lines);

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// CPU time used so far by the runtime's tiered-compilation thread (Linux: <c>/proc/PID/task/*/comm</c> is
    /// ".NET Tiered Com", the name cut at 15 characters); zero where /proc is not there. The runtime ends that thread
    /// when it has nothing to do and starts a new one later, so each call adds each thread's growth since the last call.
    /// </summary>
    public TimeSpan SampleTieringCpu()
    {
        var tasks = $"/proc/{_process.Id}/task";
        if (!Directory.Exists(tasks))
        {
            return TimeSpan.Zero;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var id = Path.GetFileName(task);
                // Clamped: a reused thread id starts from zero again.
                _tieringTicks += Math.Max(0, ticks - _tieringSeen.GetValueOrDefault(id));
                _tieringSeen[id] = ticks;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        // USER_HZ is 100 on Linux.
        return TimeSpan.FromMilliseconds(_tieringTicks * 10);
    }

    /// <summary>Resident set now and at its peak, in MB.</summary>
    public (double Now, double Peak) Rss
    {
        get
        {
            _process.Refresh();
            return (_process.WorkingSet64 / 1048576.0, _process.PeakWorkingSet64 / 1048576.0);
        }
    }

    public static async Task<TargetProcess> StartAsync(string dll, IEnumerable<string> args, IDictionary<string, string?> environment)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var target = new TargetProcess(process, url);
        process.OutputDataReceived += (_, e) => target.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => target.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                var output = target.Tail();
                await target.DisposeAsync();
                throw new InvalidOperationException($"{Path.GetFileName(dll)} did not start:\n{output}");
            }

            try
            {
                var path = args.Contains("floor") ? "health" : "health/live";
                if ((await http.GetAsync(path)).StatusCode == HttpStatusCode.OK)
                {
                    return target;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 30)
            {
                _tail.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
