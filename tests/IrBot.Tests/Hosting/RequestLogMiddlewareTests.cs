using System.Text;
using System.Text.Json;
using IrBot.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IrBot.Tests.Hosting;

/// <summary>The request line as production writes it: through Serilog into the compact JSON the log pipeline reads.</summary>
public sealed class RequestLogMiddlewareTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_request_is_one_information_line_with_method_path_status_and_time_taken()
    {
        var lines = await RunAsync("POST", "/slack/commands", async http =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(12.5));
            http.Response.StatusCode = 200;
            await Task.Yield();
        });

        var line = Assert.Single(lines);
        // Rendered as Serilog.AspNetCore rendered it (strings quoted), so existing searches still match.
        Assert.Equal("HTTP \"POST\" \"/slack/commands\" responded 200 in 12.5000 ms", line.GetProperty("@m").GetString());
        Assert.False(line.TryGetProperty("@l", out _)); // Information: compact JSON leaves the level out
        Assert.Equal("POST", line.GetProperty("RequestMethod").GetString());
        Assert.Equal("/slack/commands", line.GetProperty("RequestPath").GetString());
        Assert.Equal(200, line.GetProperty("StatusCode").GetInt32());
        Assert.Equal(12.5, line.GetProperty("Elapsed").GetDouble());
        Assert.Equal(RequestLogMiddleware.SourceContext, line.GetProperty("SourceContext").GetString());
        Assert.Equal("2026-11-30T12:00:00.0125000Z", line.GetProperty("@t").GetString());
    }

    [Fact]
    public async Task A_refused_request_is_not_an_error()
    {
        var lines = await RunAsync("POST", "/slack/events", http =>
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });

        var line = Assert.Single(lines);
        Assert.Equal(401, line.GetProperty("StatusCode").GetInt32());
        Assert.False(line.TryGetProperty("@l", out _));
    }

    [Fact]
    public async Task A_failure_is_an_error_line_with_the_exception_and_is_rethrown_for_the_server_to_answer_500()
    {
        var lines = new List<JsonElement>();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("POST", "/slack/interactivity", _ => throw new InvalidOperationException("broken handler"), lines));

        Assert.Equal("broken handler", failure.Message);
        var line = Assert.Single(lines);
        Assert.Equal("Error", line.GetProperty("@l").GetString());
        Assert.Equal(500, line.GetProperty("StatusCode").GetInt32());
        Assert.Contains("broken handler", line.GetProperty("@x").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_hangs_up_is_logged_as_499_without_an_error()
    {
        var lines = new List<JsonElement>();
        using var aborted = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync("POST", "/slack/commands", http =>
        {
            aborted.Cancel();
            http.RequestAborted.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }, lines, aborted: aborted.Token));

        var line = Assert.Single(lines);
        Assert.Equal(RequestLogMiddleware.ClientClosedRequest, line.GetProperty("StatusCode").GetInt32());
        Assert.False(line.TryGetProperty("@l", out _));
    }

    [Fact]
    public async Task Health_probes_are_not_logged_and_the_line_can_be_turned_down_by_its_source_context()
    {
        Assert.Empty(await RunAsync("GET", "/health/ready", _ => Task.CompletedTask));
        Assert.Empty(await RunAsync("POST", "/slack/commands", _ => Task.CompletedTask, minimumForRequestLines: LogEventLevel.Warning));
        Assert.Single(await RunAsync("GET", "/metrics", _ => Task.CompletedTask));
    }

    private Task<List<JsonElement>> RunAsync(string method, string path, RequestDelegate next, LogEventLevel minimumForRequestLines = LogEventLevel.Information) =>
        RunAsync(method, path, next, [], minimumForRequestLines);

    private async Task<List<JsonElement>> RunAsync(
        string method,
        string path,
        RequestDelegate next,
        List<JsonElement> lines,
        LogEventLevel minimumForRequestLines = LogEventLevel.Information,
        CancellationToken aborted = default)
    {
        var output = new MemoryStream();
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override(RequestLogMiddleware.SourceContext, minimumForRequestLines)
            .WriteTo.Sink(new BatchedConsoleSink(new RenderedCompactJsonFormatter(), output))
            .CreateLogger();
        var http = new DefaultHttpContext { RequestAborted = aborted };
        http.Request.Method = method;
        http.Request.Path = path;
        try
        {
            await new RequestLogMiddleware(next, logger, _time).InvokeAsync(http);
        }
        finally
        {
            logger.Dispose();
            lines.AddRange(Encoding.UTF8.GetString(output.ToArray())
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement.Clone()));
        }

        return lines;
    }
}
