using System.Buffers;
using System.Net.WebSockets;

namespace IrBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads whole envelopes, sends acknowledgements (one at a time, as
/// <see cref="ClientWebSocket"/> requires). Pings keep a silently dropped link (a NAT timeout) from looking alive.
/// </summary>
public sealed class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Far above any envelope Slack sends; a larger message is a broken peer.</summary>
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);

    private SocketModeConnection(ClientWebSocket socket) => _socket = socket;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public static async Task<SocketModeConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(15);
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            return new SocketModeConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next envelope, or null once the connection is closed. Throws <see cref="WebSocketException"/> on a drop.</summary>
    public async Task<SocketModeEnvelope?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "Socket Mode message too large");
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (result.MessageType == WebSocketMessageType.Text && SocketModeEnvelope.Parse(buffer.WrittenSpan) is { } envelope)
            {
                return envelope;
            }

            buffer.Clear();
        }
    }

    public async Task AckAsync(SocketModeAck ack, CancellationToken cancellationToken)
    {
        var bytes = ack.ToUtf8Json();
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes politely if the link is still up, within a few seconds; never throws.</summary>
    public async Task CloseAsync()
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2), TimeProvider.System);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone: nothing to be polite to.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _socket.Dispose();
        _sending.Dispose();
    }
}
