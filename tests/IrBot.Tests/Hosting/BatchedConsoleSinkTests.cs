using System.Text;
using IrBot.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace IrBot.Tests.Hosting;

public sealed class BatchedConsoleSinkTests
{
    [Fact]
    public void Every_event_is_written_once_in_order_as_one_json_line_by_the_time_the_logger_is_disposed()
    {
        var output = new MemoryStream();
        var logger = new LoggerConfiguration().WriteTo.Sink(new BatchedConsoleSink(new RenderedCompactJsonFormatter(), output)).CreateLogger();

        Parallel.For(0, 4, worker =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                logger.Information("Request {Worker} {Number}", worker, i);
            }
        });
        logger.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_000, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("{\"@t\":", line, StringComparison.Ordinal));
        for (var worker = 0; worker < 4; worker++)
        {
            // One worker's lines keep their order (more than the queue holds, so some waited for room).
            var numbers = lines.Where(l => l.Contains($"\"Worker\":{worker},", StringComparison.Ordinal))
                .Select(l => int.Parse(l[(l.IndexOf("\"Number\":", StringComparison.Ordinal) + 9)..].TrimEnd('}'), System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(Enumerable.Range(0, 5_000), numbers);
        }
    }
}
