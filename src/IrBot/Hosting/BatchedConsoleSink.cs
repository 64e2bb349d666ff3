using System.Text;
using System.Threading.Channels;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace IrBot.Hosting;

/// <summary>
/// The production log: one line per event on standard output, written by one background task in batches. A request
/// only queues its event (no console lock, no write call on the request's thread); the writer formats what is
/// queued and makes one write per batch. Nothing is dropped: when the queue is full, the caller waits. Disposing
/// writes what is left.
/// </summary>
/// <remarks>
/// Serilog.Sinks.Async does the first half, but its queue's consumer spins while it waits for the next event: at a few
/// hundred requests a second that spinning was a tenth of the process's CPU (README, Performance).
/// </remarks>
public sealed class BatchedConsoleSink : ILogEventSink, IDisposable
{
    private const int Capacity = 10_000;
    private readonly Channel<LogEvent> _queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ITextFormatter _formatter;
    private readonly TextWriter _output;
    private readonly Task _writer;

    public BatchedConsoleSink(ITextFormatter formatter, Stream? output = null)
    {
        _formatter = formatter;
        _output = new StreamWriter(output ?? Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        _writer = Task.Run(WriteAsync);
    }

    public void Emit(LogEvent logEvent)
    {
        if (!_queue.Writer.TryWrite(logEvent))
        {
            // Full (the output is slower than the logging) or completed: wait rather than lose the line.
            try
            {
                _queue.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
            }
            catch (ChannelClosedException)
            {
                // Logged after disposal: nowhere to write it.
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _output.Dispose();
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var logEvent))
            {
                try
                {
                    _formatter.Format(logEvent, _output);
                }
                catch (Exception ex)
                {
                    Serilog.Debugging.SelfLog.WriteLine("Could not write a log event: {0}", ex);
                }
            }

            try
            {
                await _output.FlushAsync();
            }
            catch (IOException ex)
            {
                Serilog.Debugging.SelfLog.WriteLine("Could not write the log: {0}", ex);
            }
        }
    }
}
