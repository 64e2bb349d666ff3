using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IrBot.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The OTLP endpoint variable of the OpenTelemetry specification; when set, metrics and traces go there too.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics of the <c>IrBot</c> meter on <c>/metrics</c> (Prometheus) and, with <see cref="OtlpEndpoint"/>, by OTLP.
    /// Traces (Slack request → queued job → HTTP calls and Npgsql) are recorded only when there is somewhere to
    /// send them: with <see cref="OtlpEndpoint"/> set (or a test's exporter), so they cost nothing otherwise.
    /// </summary>
    public static IServiceCollection AddIrBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIrBotMetrics();
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(IrBotTelemetry.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(IrBotTelemetry.Name).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Only this host's instruments: a process may hold several hosts (the tests do), and a meter provider
        // otherwise listens to every meter of the name.
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            var mine = sp.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope == mine ? null : MetricStreamConfiguration.Drop);
        });

        // What a trace holds, whoever turns tracing on (below, or a test with its own exporter).
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(IrBotTelemetry.Name)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path.StartsWithSegments("/slack", StringComparison.Ordinal))
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            // A database or HTTP call with no request or job above it is the work poll, a health check or a
            // scrape: sampling it would bury the traces people look for.
            .SetSampler(new ParentBasedSampler(new NoRootClientSpans())));
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The instruments alone (no exporter): for whatever records into them, registered once however many ask.</summary>
    public static IServiceCollection AddIrBotMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<IrBotMetrics>();
        return services;
    }

    /// <summary>Prometheus' scrape endpoint, <c>/metrics</c>: outside the Slack group, so no Slack signature; keep it on the internal network.</summary>
    public static IEndpointRouteBuilder MapIrBotMetrics(this IEndpointRouteBuilder app)
    {
        // Built now, so the observable gauges exist before the first request.
        app.ServiceProvider.GetRequiredService<IrBotMetrics>();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    /// <summary>Counts and times this client's calls as calls to <paramref name="system"/> (under its retries: each attempt counts).</summary>
    public static IHttpClientBuilder AddExternalCallMetrics(this IHttpClientBuilder builder, string system)
    {
        builder.Services.AddIrBotMetrics();
        return builder.AddHttpMessageHandler(sp => new ExternalCallMetrics(system, sp.GetRequiredService<IrBotMetrics>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    /// <summary>A gauge read when metrics are collected; <paramref name="read"/> runs in a fresh scope.</summary>
    public static IServiceCollection AddObservedGauge(this IServiceCollection services, string name, string unit, string description, Func<IServiceProvider, double> read) =>
        services.AddSingleton(new ObservedGauge(name, unit, description, read));

    private sealed class NoRootClientSpans : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == System.Diagnostics.ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
