using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Infrastructure;

/// <summary>
/// One IR Bot with default settings for a whole collection, reset before each test (tables emptied,
/// Slack's stand-in forgotten) instead of a host and a database per test. A test class joins with
/// <c>[Collection(SharedApp.X)]</c>, takes <see cref="SharedApp"/> in its constructor and calls
/// <see cref="ResetAsync"/> in <c>InitializeAsync</c>. Tests that need other settings, a fake clock or
/// a restart start their own <see cref="IrBotApp"/>. So do tests that depend on what a host keeps in
/// memory and a reset cannot clear: e.g. an admin report of an integration error (at most one per
/// system and operation every five minutes per host) or a cached Slack profile.
/// </summary>
public sealed class SharedApp : IAsyncLifetime
{
    /// <summary>Collections: tests in one run one after another; the collections run side by side.</summary>
    public const string Intake = "Shared IR Bot: intake and roles";
    public const string Incidents = "Shared IR Bot: incidents and participants";
    public const string Workflows = "Shared IR Bot: workflows";

    private IrBotApp? _app;

    public async Task InitializeAsync() => _app = await IrBotApp.StartAsync();

    /// <summary>The shared app, as good as new.</summary>
    public async Task<IrBotApp> ResetAsync()
    {
        var app = _app ?? throw new InvalidOperationException("The shared app has not started.");
        await app.ResetAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(SharedApp.Intake)]
public sealed class SharedIntakeCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(SharedApp.Incidents)]
public sealed class SharedIncidentsCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(SharedApp.Workflows)]
public sealed class SharedWorkflowsCollection : ICollectionFixture<SharedApp>;
