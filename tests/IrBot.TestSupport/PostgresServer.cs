using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace IrBot.TestSupport;

/// <summary>
/// One throwaway PostgreSQL server per test process. Integration tests must exercise the real
/// provider (migrations, naming conventions, concurrency behaviour differ from SQLite), but there is
/// no Docker engine here, so the server binaries are started directly. Each caller gets its own
/// database, so test classes never see each other's rows.
/// </summary>
/// <remarks>
/// Set <c>IRBOT_TEST_POSTGRES</c> to an admin connection string to use an existing server instead
/// (nothing is started then). Otherwise the binaries come from <c>PG_BIN</c>, <c>pg_config --bindir</c>
/// or the highest <c>/usr/lib/postgresql/*/bin</c>.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    public const string ExternalServerVariable = "IRBOT_TEST_POSTGRES";
    public const string BinDirVariable = "PG_BIN";

    /// <summary>Set to <c>1</c> to start the server with fsync, synchronous commit and full page writes on (benchmarks).</summary>
    public const string DurableVariable = "IRBOT_TEST_POSTGRES_DURABLE";

    private static bool Durable => Environment.GetEnvironmentVariable(DurableVariable) == "1";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<PostgresServer>> Instance =
        new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process? _process;
    private readonly string? _tempDir;
    private readonly string? _dataDir;
    private readonly ServerLog? _log;
    private readonly Lazy<Task<string>> _template;
    private int _disposed;

    private PostgresServer(string adminConnectionString, Process? process = null, string? tempDir = null,
        string? dataDir = null, ServerLog? log = null)
    {
        AdminConnectionString = adminConnectionString;
        _template = new Lazy<Task<string>>(CreateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        _process = process;
        _tempDir = tempDir;
        _dataDir = dataDir;
        _log = log;
    }

    /// <summary>Connection string of a superuser on the maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Starts the server on first use; later callers (from any thread) share it.</summary>
    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>Creates a fresh, uniquely named, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "irbot_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            // template0 rather than template1: concurrent CREATE DATABASE fails if anyone is
            // connected to the template, and template0 never accepts connections.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ForTests(name);
    }

    /// <summary>
    /// Creates a fresh, uniquely named database with IR Bot's schema already in it, copied from a
    /// template migrated once per test process (a copy takes milliseconds; migrating takes seconds).
    /// </summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var template = await _template.Value;
        var name = "irbot_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ForTests(name);
    }

    private async Task<string> CreateTemplateAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        // No pooling: CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<IrBot.Data.PostgresIrBotDbContext>();
        IrBot.Data.DataExtensions.ConfigurePostgres(options, unpooled);
        await using (var db = new IrBot.Data.PostgresIrBotDbContext(options.Options))
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        }

        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            builder.Database ??= "postgres";
            return new PostgresServer(builder.ConnectionString);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException($"Starting PostgreSQL is only supported on Linux/macOS; set {ExternalServerVariable} on Windows.");
        }

        var binDir = await FindBinDirAsync();
        // initdb and postgres refuse to run as root, so they run as the postgres OS user, which then
        // needs a directory it owns and can reach: /tmp rather than a TMPDIR under /root.
        var asRoot = Environment.UserName == "root";
        var tempRoot = asRoot ? "/tmp" : Path.GetTempPath();
        CleanUpAbandoned(tempRoot);
        var tempDir = Path.Combine(tempRoot, DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(tempDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Held until this process ends, however it ends: a later run that can take the lock knows
        // the server and its files were abandoned (the test host is sometimes killed before ProcessExit
        // handlers finish) and removes them.
        OwnerLock = new FileStream(tempDir + ".lock", FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var dataDir = Path.Combine(tempDir, "data");
        try
        {
            if (asRoot)
            {
                await RunToEndAsync("chown", ["postgres:", tempDir], asRoot: false,
                    "the 'postgres' OS user is missing: apt-get install postgresql (or useradd postgres), or set " + ExternalServerVariable);
            }

            await RunToEndAsync(Path.Combine(binDir, "initdb"),
                ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                asRoot, "initdb failed");

            // A port picked by the OS can be taken again before postgres binds it; retry on that race.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var log = new ServerLog();
                var process = StartProcess(Path.Combine(binDir, "postgres"),
                [
                    "-D", dataDir, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + tempDir,
                    // Durability is worthless for throwaway test data; these make DDL-heavy tests fast.
                    // Benchmarks ask for a durable server (DurableVariable) so a commit waits for the disk as in production.
                    .. (Durable ? [] : new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" }),
                    // Every WebApplicationFactory keeps its own connection pool open (and replicas, killed processes…).
                    "-c", "max_connections=600",
                    // Keep the throwaway WAL small: the suite creates a hundred databases.
                    "-c", "wal_level=minimal", "-c", "max_wal_senders=0", "-c", "max_wal_size=64MB", "-c", "min_wal_size=32MB",
                ], asRoot, log);
                var admin = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres",
                }.ConnectionString;
                var server = new PostgresServer(admin, process, tempDir, dataDir, log);
                if (await server.WaitUntilReadyAsync())
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
                    server.StartWatchdog();
                    return server;
                }

                server.StopProcess();
                if (attempt == 3 || !log.Text.Contains("could not bind", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL did not accept connections on 127.0.0.1:{port} within {StartupTimeout.TotalSeconds:0} s. " +
                        $"Set {ExternalServerVariable} to use another server. Server log:\n{log.Text}");
                }
            }
        }
        catch
        {
            TryDeleteDirectory(tempDir);
            throw;
        }
    }

    /// <summary>
    /// The test host is often ended before its ProcessExit handlers finish, which would leave the server
    /// running and its files behind. A detached watchdog waits for this process to end, however it ends,
    /// then stops the server and deletes its directory.
    /// </summary>
    private void StartWatchdog()
    {
        var postmaster = ReadPostmasterPid();
        if (postmaster is null || _tempDir is null)
        {
            return;
        }

        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"kill -INT {postmaster} 2>/dev/null; " +
            $"for i in $(seq 60); do kill -0 {postmaster} 2>/dev/null || break; sleep 0.5; done; " +
            $"kill -KILL {postmaster} 2>/dev/null; rm -rf '{_tempDir}' '{_tempDir}.lock'";
        try
        {
            using var watchdog = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", script])
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No setsid/bash: the next run's CleanUpAbandoned removes what this one leaves.
        }
    }

    /// <summary>True once a connection succeeds; false if the server exits or the timeout passes.</summary>
    private async Task<bool> WaitUntilReadyAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout && !_process!.HasExited)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                // Still starting (connection refused, or "the database system is starting up").
                await Task.Delay(100);
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _process is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        StopProcess();
        if (_tempDir is not null)
        {
            TryDeleteDirectory(_tempDir);
            OwnerLock?.Dispose();
            try
            {
                File.Delete(_tempDir + ".lock");
            }
            catch (IOException)
            {
            }
        }
    }

    private void StopProcess()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            // SIGINT is postgres's "fast" shutdown: it disconnects clients instead of waiting for
            // test apps' pooled connections (SIGTERM, "smart", would wait for them). Signal the
            // postmaster by its pid file, not our child: as root our child is runuser, which would
            // turn any signal into SIGTERM and then SIGKILL.
            var pid = ReadPostmasterPid() ?? _process.Id;
            if (!_process.HasExited)
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                kill?.WaitForExit(5_000);
            }

            if (!_process.WaitForExit(15_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private int? ReadPostmasterPid()
    {
        try
        {
            var pidFile = Path.Combine(_dataDir!, "postmaster.pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private const string DirectoryPrefix = "irbot-pg-";

    private static FileStream? OwnerLock { get; set; }

    /// <summary>
    /// Stops the servers and deletes the files of earlier test runs that ended without cleaning up:
    /// those whose lock file nobody holds any more (runs in progress hold theirs).
    /// </summary>
    private static void CleanUpAbandoned(string tempRoot)
    {
        foreach (var dir in Directory.EnumerateDirectories(tempRoot, DirectoryPrefix + "*"))
        {
            try
            {
                using (new FileStream(dir + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    var pidFile = Path.Combine(dir, "data", "postmaster.pid");
                    if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
                    {
                        StopAbandoned(pid);
                    }

                    TryDeleteDirectory(dir);
                }

                File.Delete(dir + ".lock");
            }
            catch (IOException)
            {
                // Locked: another test run is using it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to clean.
            }
        }
    }

    private static void StopAbandoned(int pid)
    {
        try
        {
            using var postmaster = Process.GetProcessById(pid);
            if (!postmaster.ProcessName.StartsWith("postgres", StringComparison.Ordinal))
            {
                return;
            }

            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                kill?.WaitForExit(5_000);
            }

            if (!postmaster.WaitForExit(10_000))
            {
                postmaster.Kill(entireProcessTree: true);
            }
        }
        catch (ArgumentException)
        {
            // No such process any more.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task<string> FindBinDirAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable(BinDirVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return File.Exists(Path.Combine(fromEnv, "initdb"))
                ? fromEnv
                : throw new InvalidOperationException($"{BinDirVariable}={fromEnv} has no initdb in it.");
        }

        // Debian's pg_config may come from libpq-dev without the server, so check for initdb too.
        try
        {
            using var pgConfig = Process.Start(new ProcessStartInfo("pg_config", ["--bindir"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (pgConfig is not null)
            {
                var dir = (await pgConfig.StandardOutput.ReadToEndAsync()).Trim();
                await pgConfig.WaitForExitAsync();
                if (pgConfig.ExitCode == 0 && File.Exists(Path.Combine(dir, "initdb")))
                {
                    return dir;
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed; fall through to the Debian layout.
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, postgres) were not found. Install them with " +
            $"'apt-get install postgresql', set {BinDirVariable} to their directory, or set " +
            $"{ExternalServerVariable} to the connection string of a running server.");
    }

    /// <summary>A database's connection string; a host's idle connections close after 10 s, so the pools of hosts a test is done with do not pile up.</summary>
    private string ForTests(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 2 }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartProcess(string fileName, IEnumerable<string> arguments, bool asRoot, ServerLog log)
    {
        var info = new ProcessStartInfo(asRoot ? "runuser" : fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Inheriting no stdin matters under CI, which runs with none.
            RedirectStandardInput = true,
        };
        if (asRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", fileName })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        // Drain both pipes continuously: a full pipe would block the server.
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunToEndAsync(string fileName, IEnumerable<string> arguments, bool asRoot, string failure)
    {
        var log = new ServerLog();
        using var process = StartProcess(fileName, arguments, asRoot, log);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{failure} ({Path.GetFileName(fileName)} exited with {process.ExitCode}):\n{log.Text}");
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leaving a temp directory behind must not fail the test run.
        }
    }

    /// <summary>Thread-safe, bounded capture of a child's output for error messages.</summary>
    private sealed class ServerLog
    {
        private const int MaxChars = 64 * 1024;
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                if (_text.Length < MaxChars)
                {
                    _text.AppendLine(line);
                }
            }
        }
    }
}
