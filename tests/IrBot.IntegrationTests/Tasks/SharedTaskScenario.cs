namespace IrBot.IntegrationTests.Tasks;

/// <summary>
/// One <see cref="TaskScenario"/> (IR Bot with Jira on and one active incident) for the task tests that
/// need nothing else, reset before each test. Tests with other settings start their own scenario.
/// </summary>
public sealed class SharedTaskScenario : IAsyncLifetime
{
    public const string Collection = "Shared IR Bot: tasks with Jira";

    private TaskScenario? _scenario;

    public async Task InitializeAsync() => _scenario = await TaskScenario.StartAsync();

    /// <summary>The shared scenario, as <see cref="TaskScenario.StartAsync"/> left it.</summary>
    public async Task<TaskScenario> ResetAsync()
    {
        var scenario = _scenario ?? throw new InvalidOperationException("The shared task scenario has not started.");
        await scenario.ResetAsync();
        return scenario;
    }

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }
}

[CollectionDefinition(SharedTaskScenario.Collection)]
public sealed class SharedTaskScenarioCollection : ICollectionFixture<SharedTaskScenario>;
