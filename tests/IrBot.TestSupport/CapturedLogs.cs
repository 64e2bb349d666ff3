using System.Collections.Concurrent;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace IrBot.TestSupport;

/// <summary>A Serilog sink that keeps every event of one host, rendered with its properties and exception.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<(LogEvent Event, string Text)> _events = new();

    public IReadOnlyCollection<string> Events => _events.Select(e => e.Text).ToList();

    public string Text => string.Join('\n', _events.Select(e => e.Text));

    /// <summary>What would page someone: Error and above, or a Warning carrying a stack trace.</summary>
    public IReadOnlyList<string> Alarming =>
        _events.Where(e => e.Event.Level >= LogEventLevel.Error || (e.Event.Level == LogEventLevel.Warning && e.Event.Exception is not null))
            .Select(e => $"{e.Event.Level}: {e.Text}")
            .ToList();

    public void Emit(LogEvent logEvent)
    {
        var text = new StringBuilder(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            text.Append(' ').Append(name).Append('=').Append(value);
        }

        text.Append(' ').Append(logEvent.Exception);
        _events.Enqueue((logEvent, text.ToString()));
    }
}
