using System.Net.Http.Headers;
using System.Text;
using IrBot.Data;
using IrBot.Slack;
using IrBot.SlackApp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace IrBot.TestSupport;

/// <summary>
/// The real IR Bot on Kestrel, with its own PostgreSQL database and a WireMock server standing in for
/// Slack's Web API (and response_url). Start a second instance on the same database and Slack to test
/// restarts and two instances.
/// </summary>
public sealed class IrBotApp : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-token";
    public const string BotUserId = "UIRBOT0001";
    public const string IrMember = "UIRTEAM001";
    public const string IrMember2 = "UIRTEAM002";
    public const string Outsider = "UOUTSIDE01";
    public const string AdminChannel = "CADMIN0001";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsSlack;

    private IrBotApp(WebApplicationFactory<Program> factory, FakeSlack slack, string connectionString, bool ownsSlack)
    {
        _factory = factory;
        Slack = slack;
        ConnectionString = connectionString;
        _ownsSlack = ownsSlack;
        Client = factory.CreateClient();
    }

    public FakeSlack Slack { get; }
    public string ConnectionString { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>The time requests are signed with: set it to the app's fake clock when a test moves that clock far.</summary>
    public TimeProvider SigningClock { get; set; } = TimeProvider.System;

    /// <summary>This host's <c>Work:InstanceId</c>; pass it to a restart that should take back this host's work.</summary>
    public string InstanceId { get; private init; } = string.Empty;

    /// <summary>Starts IR Bot. Pass <paramref name="connectionString"/> and <paramref name="slack"/> to restart on existing state.</summary>
    public static async Task<IrBotApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        string? connectionString = null,
        FakeSlack? slack = null,
        Action<IServiceCollection>? services = null)
    {
        connectionString ??= await (await PostgresServer.GetAsync()).CreateMigratedDatabaseAsync();
        var ownsSlack = slack is null;
        slack ??= FakeSlack.Start();

        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:IrBot"] = connectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? string.Empty : connectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            // The fake Slack has no rate limits and tests post in bursts; pacing has its own tests (SlackPacingHandlerTests).
            ["Slack:Pacing"] = "false",
            ["IrTeam:Members:0"] = IrMember,
            ["IrTeam:Members:1"] = IrMember2,
            ["IrBot:AdminChannelId"] = AdminChannel,
            ["Work:LeaseSeconds"] = "2",
            ["Work:PollSeconds"] = "1",
            ["Work:MaxBackoffSeconds"] = "1",
            // Each host its own replica (several run side by side on one machine); a restart that should take
            // back its own work passes the first host's InstanceId.
            ["Work:InstanceId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in all)
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            await factory.DisposeAsync();
            if (ownsSlack)
            {
                slack.Dispose();
            }

            throw;
        }

        return new IrBotApp(factory, slack, connectionString, ownsSlack) { InstanceId = all["Work:InstanceId"]! };
    }

    /// <summary>A context on this app's database, for arranging and asserting.</summary>
    public IrBotDbContext Db()
    {
        if (ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            var sqlite = new DbContextOptionsBuilder<SqliteIrBotDbContext>();
            DataExtensions.ConfigureSqlite(sqlite, ConnectionString);
            return new SqliteIrBotDbContext(sqlite.Options);
        }

        var options = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        DataExtensions.ConfigurePostgres(options, ConnectionString);
        return new PostgresIrBotDbContext(options.Options);
    }

    /// <summary>
    /// Starts IR Bot the way <c>dotnet run</c> does on a fresh machine: no connection string, so the
    /// embedded SQLite file in <paramref name="dataDirectory"/>.
    /// </summary>
    public static async Task<IrBotApp> StartWithEmbeddedDatabaseAsync(string dataDirectory)
    {
        var app = await StartAsync(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:IrBot"] = string.Empty,
                ["Database:MigrateOnStart"] = "false",
                ["IrBot:DataDirectory"] = dataDirectory,
            },
            connectionString: "Data Source=" + Path.Combine(dataDirectory, "irbot.db"));
        return app;
    }

    public Task<HttpResponseMessage> SendCommandAsync(string text, string userId = IrMember, string channelId = "CREQUEST01", string command = "/irbot") =>
        PostSignedAsync("/slack/commands", SlackPayloads.SlashCommand(command, text, userId, channelId, Slack.ResponseUrl()), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> SendInteractionAsync(string payloadJson) =>
        PostSignedAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payloadJson), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> SendEventAsync(string envelopeJson, int? retryNum = null) =>
        PostSignedAsync("/slack/events", envelopeJson, "application/json", retryNum);

    /// <summary>Signs the body exactly as Slack would, with the current time (of <see cref="SigningClock"/>).</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType, int? retryNum = null)
    {
        using var request = Signed(path, body, contentType, retryNum, SigningClock);
        return await Client.SendAsync(request);
    }

    /// <summary>A request to IR Bot signed as Slack signs it, with the current time (of <paramref name="clock"/>, or the wall clock).</summary>
    public static HttpRequestMessage Signed(string path, string body, string contentType, int? retryNum = null, TimeProvider? clock = null)
    {
        var timestamp = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(SigningSecret, timestamp, bytes));
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }

    /// <summary>Polls until the condition holds (background work is asynchronous), failing after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting until {what}");
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>
    /// Waits until no background work is left to run (done or failed) and Slack's stand-in has logged
    /// every call it answered (WireMock adds a call to its log just after answering it).
    /// </summary>
    public async Task WaitForIdleAsync(TimeSpan? timeout = null)
    {
        await WaitUntilAsync(
            async () =>
            {
                await using var db = Db();
                return !await db.WorkItems.AnyAsync(w => w.Status == IrBot.Work.WorkStatus.Pending);
            },
            "all background work is finished",
            timeout);
        var seen = -1;
        await WaitUntilAsync(
            async () =>
            {
                var now = Slack.Server.LogEntries.Count;
                var settled = now == seen;
                seen = now;
                await Task.Delay(50);
                return settled;
            },
            "Slack's stand-in has logged every call");
    }

    /// <summary>
    /// Makes this running app as good as new for the next test of a shared host: waits until the work a
    /// test left behind has run (so it cannot act later), empties every table (ids restart) and forgets
    /// what Slack's stand-in saw and held, and so the host's cached Slack users too. Settings, other caches of
    /// the host and Quartz schedules stay.
    /// </summary>
    public async Task ResetAsync()
    {
        Slack.ResetOverrides();
        await WaitForIdleAsync();
        await using (var db = Db())
        {
            var tables = await db.Database
                .SqlQueryRaw<string>("SELECT quote_ident(tablename) AS \"Value\" FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history'")
                .ToListAsync();
            if (tables.Count > 0)
            {
#pragma warning disable EF1002 // Table names come from the catalogue, quoted by PostgreSQL; nothing user-supplied.
                await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
#pragma warning restore EF1002
            }
        }

        Slack.Reset();
        await Services.GetRequiredService<HybridCache>().RemoveByTagAsync(UserDirectory.Tag);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        if (!ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            // Npgsql keeps a pool per connection string for the whole test process and prunes idle connections
            // only after 5 minutes: without this, the hosts of one run together exceed the server's max_connections.
            using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (_ownsSlack)
        {
            Slack.Dispose();
        }

        // A stopped host's idle connections would stay open for minutes; dozens of hosts per run would
        // exhaust the test server's connections (a host still on this database just opens new ones).
        if (!ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }
}
