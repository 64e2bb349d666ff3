using IrBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace IrBot.Tests.Hosting;

/// <summary>The log levels the settings give, read by IR Bot's own reader into the logger the service builds.</summary>
public sealed class LogLevelSettingsTests
{
    [Fact]
    public void Default_and_overrides_set_the_levels_and_a_setting_wins_over_the_codes_own_default()
    {
        using var app = Build(new()
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:IrBot.Tasks"] = "Debug",
            // The code quiets Quartz to Warning; an operator chasing a schedule can still turn it up.
            ["Serilog:MinimumLevel:Override:Quartz"] = "Information",
        });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("IrBot.Incidents.IncidentOpening").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("IrBot.Incidents.IncidentOpening").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("IrBot.Tasks.TaskReminders").IsEnabled(LogLevel.Debug));
        Assert.True(loggers.CreateLogger("Quartz.Core.QuartzScheduler").IsEnabled(LogLevel.Information));
        // The code's defaults stay where no setting names them.
        Assert.False(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Without_settings_the_service_logs_information_and_quiets_the_frameworks()
    {
        using var app = Build([]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("IrBot.Incidents.IncidentOpening").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("IrBot.Incidents.IncidentOpening").IsEnabled(LogLevel.Debug));
        Assert.False(loggers.CreateLogger("Quartz.Core.QuartzScheduler").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
    }

    [Theory]
    [InlineData("warning", LogEventLevel.Warning)]
    [InlineData("Error", LogEventLevel.Error)]
    public void A_single_level_is_the_default(string value, LogEventLevel expected)
    {
        var (level, overrides) = LogLevelSettings.Read(Config(new() { ["Serilog:MinimumLevel"] = value }));

        Assert.Equal(expected, level);
        Assert.Empty(overrides);
    }

    [Fact]
    public void A_single_level_and_overrides_from_different_sources_both_count()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel"] = "Error" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Quartz"] = "Debug" })
            .Build();

        var (level, overrides) = LogLevelSettings.Read(configuration);

        Assert.Equal(LogEventLevel.Error, level);
        Assert.Equal([("Quartz", LogEventLevel.Debug)], overrides);
    }

    [Theory]
    [InlineData("Serilog:MinimumLevel", "Serilog:MinimumLevel:Default", LogEventLevel.Debug)]
    [InlineData("Serilog:MinimumLevel:Default", "Serilog:MinimumLevel", LogEventLevel.Debug)]
    public void Of_a_level_and_a_Default_the_later_source_wins(string earlierKey, string laterKey, LogEventLevel expected)
    {
        // appsettings.json sets Default; an operator's Serilog__MinimumLevel=Debug comes later and must win.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [earlierKey] = "Warning" })
            .AddInMemoryCollection(new Dictionary<string, string?> { [laterKey] = "Debug" })
            .Build();

        Assert.Equal(expected, LogLevelSettings.Read(configuration).Default);
    }

    [Theory]
    [InlineData("Serilog:MinimumLevel:Default", "Information,Debug", "Serilog:MinimumLevel:Default is 'Information,Debug'")]
    [InlineData("Serilog:MinimumLevel:Override", "Debug", "Serilog:MinimumLevel:Override needs a source")]
    [InlineData("Serilog:MinimumLevel:Default", "Loud", "Serilog:MinimumLevel:Default is 'Loud'")]
    [InlineData("Serilog:MinimumLevel:Default", "3", "Serilog:MinimumLevel:Default is '3'")]
    [InlineData("Serilog:MinimumLevel:Override:Quartz", "", "Serilog:MinimumLevel:Override:Quartz is ''")]
    [InlineData("Serilog:MinimumLevel:Overide:Quartz", "Debug", "Serilog:MinimumLevel:Overide is not a setting IR Bot reads")]
    [InlineData("Serilog:Using:0", "Serilog.Sinks.File", "Serilog:Using is not a setting IR Bot reads")]
    public void A_bad_log_setting_is_refused_by_name(string key, string value, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() => LogLevelSettings.Read(Config(new() { [key] = value })));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIrBotLogging();
        return builder.Build();
    }
}
