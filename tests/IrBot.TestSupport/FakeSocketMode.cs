using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IrBot.TestSupport;

/// <summary>
/// Slack's end of Socket Mode, in process on Kestrel: <see cref="FakeSlack"/>'s <c>apps.connections.open</c> hands out
/// its <c>ws://</c> URL; each connection gets <c>hello</c>, then whatever envelopes a test sends, and the test reads
/// back the acknowledgements. Like Slack it can drop a connection, refresh one (<c>disconnect</c>) and send an
/// envelope again when its acknowledgement did not arrive, on another connection where there is one.
/// </summary>
public sealed class FakeSocketMode : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A0IRBOT001-1234567890-abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, FakeSocketConnection> _connections = new();
    private int _opened;

    private FakeSocketMode(WebApplication app) => _app = app;

    /// <summary>The URL <c>apps.connections.open</c> answers with (plus a ticket).</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Connections open now, that have had their hello, oldest first.</summary>
    public IReadOnlyList<FakeSocketConnection> Open =>
        _connections.Values.Where(c => c.IsOpen).OrderBy(c => c.Number).ToList();

    /// <summary>Connections opened since the start.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Starts the stand-in and points <paramref name="slack"/>'s <c>apps.connections.open</c> at it.</summary>
    public static async Task<FakeSocketMode> StartAsync(FakeSlack slack)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSocketMode(app);
        app.UseWebSockets();
        app.Map("/link", fake.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = address.Replace("http://", "ws://", StringComparison.Ordinal) + "/link/";
        slack.SocketModeUrl = fake.Url;
        return fake;
    }

    /// <summary>Waits until <paramref name="count"/> connections are open (IR Bot keeps two).</summary>
    public Task WaitForOpenAsync(int count = 2, TimeSpan? timeout = null) =>
        IrBotApp.WaitUntilAsync(() => Open.Count >= count, $"{count} Socket Mode connection(s) are open", timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Sends an envelope on <paramref name="via"/> (else the newest open connection) and returns its acknowledgement.
    /// With <paramref name="loseFirstAck"/>, the first acknowledgement is treated as lost in transit and the envelope
    /// sent again (<c>retry_attempt</c> 1, <c>retry_reason</c> timeout) on another connection, as Slack does.
    /// <paramref name="retryAttempt"/> above 0 marks the envelope itself as Slack's repeat of an earlier delivery.
    /// </summary>
    public async Task<JsonNode> SendAsync(
        string type,
        JsonNode payload,
        bool acceptsResponsePayload,
        string? envelopeId = null,
        FakeSocketConnection? via = null,
        bool loseFirstAck = false,
        int retryAttempt = 0)
    {
        envelopeId ??= Guid.NewGuid().ToString();
        var open = Open;
        var connection = via ?? (open.Count > 0 ? open[^1] : null) ?? throw new InvalidOperationException("No Socket Mode connection is open");
        var ack = await connection.SendEnvelopeAsync(Envelope(type, payload, acceptsResponsePayload, envelopeId, retryAttempt));
        if (!loseFirstAck)
        {
            return ack;
        }

        var other = Open.FirstOrDefault(c => c != connection) ?? connection;
        return await other.SendEnvelopeAsync(Envelope(type, payload, acceptsResponsePayload, envelopeId, retryAttempt + 1));
    }

    /// <summary>Every acknowledgement received for one envelope, on any connection.</summary>
    public IReadOnlyList<JsonNode> AcksOf(string envelopeId) =>
        _connections.Values.SelectMany(c => c.Acks).Where(a => (string?)a["envelope_id"] == envelopeId).ToList();

    private static JsonObject Envelope(string type, JsonNode payload, bool acceptsResponsePayload, string envelopeId, int retryAttempt) => new()
    {
        ["envelope_id"] = envelopeId,
        ["payload"] = payload.DeepClone(),
        ["type"] = type,
        ["accepts_response_payload"] = acceptsResponsePayload,
        ["retry_attempt"] = retryAttempt,
        ["retry_reason"] = retryAttempt == 0 ? string.Empty : "timeout",
    };

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || string.IsNullOrEmpty(http.Request.Query["ticket"]))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeSocketConnection(Interlocked.Increment(ref _opened), socket, http);
        await connection.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = _connections.Values.Count(c => c.IsOpen) + 1,
            ["debug_info"] = new JsonObject { ["host"] = "applink-fake", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = "A0IRBOT001" },
        });
        _connections[connection.Number] = connection;
        await connection.ReadAcksAsync(http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Drop();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }
    }
}

/// <summary>One WebSocket IR Bot opened to the stand-in.</summary>
public sealed class FakeSocketConnection : IDisposable
{
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly HttpContext _http;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentQueue<JsonNode> _acks = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode>> _waiting = new(StringComparer.Ordinal);
    private volatile bool _closed;

    internal FakeSocketConnection(int number, WebSocket socket, HttpContext http)
    {
        Number = number;
        _socket = socket;
        _http = http;
    }

    /// <summary>1 for the first connection ever opened, and so on.</summary>
    public int Number { get; }

    public bool IsOpen => !_closed && _socket.State == WebSocketState.Open;

    public IReadOnlyCollection<JsonNode> Acks => _acks.ToList();

    /// <summary>Sends an envelope and waits for its acknowledgement (Slack waits 3 s; a busy test machine gets more).</summary>
    public async Task<JsonNode> SendEnvelopeAsync(JsonObject envelope)
    {
        var id = (string)envelope["envelope_id"]!;
        var waiter = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = waiter;
        await SendAsync(envelope);
        try
        {
            return await waiter.Task.WaitAsync(AckWait, TimeProvider.System);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Envelope {id} ({envelope["type"]}) was not acknowledged on connection {Number}");
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    public void Dispose() => _sending.Dispose();

    /// <summary>The connection is cut without a close (a network drop).</summary>
    public void Drop()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _http.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended meanwhile: already gone.
        }
    }

    /// <summary>Says <c>disconnect</c> with <paramref name="reason"/>, as Slack does before a refresh (warning) or at it.</summary>
    public Task DisconnectAsync(string reason) =>
        SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-fake" } });

    /// <summary>Closes the connection politely (Slack's end of a refresh).</summary>
    public async Task CloseAsync()
    {
        _closed = true;
        await _sending.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refresh", CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    internal async Task SendAsync(JsonNode message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    internal async Task ReadAcksAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var ack = JsonNode.Parse(message.ToArray())!;
                _acks.Enqueue(ack);
                if ((string?)ack["envelope_id"] is { } id && _waiting.TryGetValue(id, out var waiter))
                {
                    waiter.TrySetResult(ack);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionAbortedException or IOException)
        {
            // Dropped: nothing more to read.
        }
        finally
        {
            _closed = true;
        }
    }
}
