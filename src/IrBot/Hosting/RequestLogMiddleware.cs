using System.Diagnostics;
using Serilog.Events;
using Serilog.Parsing;

namespace IrBot.Hosting;

/// <summary>
/// One structured line per request, written when the answer is done: method, path, status and time taken, at
/// Information, or Error for a 5xx or an exception (which is rethrown). Health probes are not logged.
/// </summary>
/// <remarks>
/// Serilog.AspNetCore's request logging did the same, but opened a diagnostic context (an async-local) for every
/// request and built its event through the message-template cache: a measurable part of a <c>/note</c>'s CPU (README,
/// Performance). Nothing here uses that context, so the event is built directly from a template parsed once. The
/// template and property names are Serilog.AspNetCore's, so searches and dashboards built on them keep working.
/// </remarks>
public sealed class RequestLogMiddleware
{
    /// <summary>The source context of the lines: <c>Serilog:MinimumLevel:Override:IrBot.Hosting.RequestLog</c> tunes them.</summary>
    public const string SourceContext = "IrBot.Hosting.RequestLog";

    /// <summary>The status logged for a request whose client went away before the answer (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    private static readonly MessageTemplate Template =
        new MessageTemplateParser().Parse("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");

    private readonly RequestDelegate _next;
    private readonly Serilog.ILogger _logger;
    private readonly TimeProvider _time;

    public RequestLogMiddleware(RequestDelegate next, Serilog.ILogger logger, TimeProvider time)
    {
        _next = next;
        _time = time;
        _logger = logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, SourceContext);
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await _next(http);
            return;
        }

        var started = _time.GetTimestamp();
        try
        {
            await _next(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client hung up (Slack gives up after 3 s): nobody has to act on it.
            Write(http, ClientClosedRequest, started, null);
            throw;
        }
        catch (Exception ex)
        {
            Write(http, StatusCodes.Status500InternalServerError, started, ex);
            throw;
        }

        Write(http, http.Response.StatusCode, started, null);
    }

    private void Write(HttpContext http, int status, long started, Exception? exception)
    {
        var level = status >= 500 || exception is not null ? LogEventLevel.Error : LogEventLevel.Information;
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var elapsed = _time.GetElapsedTime(started).TotalMilliseconds;
        // With tracing on, the line carries the request's trace and span, as the other lines of the request do.
        var activity = Activity.Current;
        _logger.Write(new LogEvent(
            _time.GetUtcNow(),
            level,
            exception,
            Template,
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(http.Request.Path.Value)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ],
            activity?.TraceId ?? default,
            activity?.SpanId ?? default));
    }
}
