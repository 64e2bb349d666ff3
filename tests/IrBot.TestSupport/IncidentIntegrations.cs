using IrBot.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IrBot.TestSupport;

/// <summary>IR Bot with Confluence and TheHive fakes (and Jira if asked), and the waits the incident integration tests share.</summary>
public sealed class IncidentIntegrations : IAsyncDisposable
{
    private IncidentIntegrations(IrBotApp app, FakeConfluence confluence, FakeTheHive theHive, FakeJira? jira)
    {
        App = app;
        Confluence = confluence;
        TheHive = theHive;
        Jira = jira;
    }

    public IrBotApp App { get; }
    public FakeConfluence Confluence { get; }
    public FakeTheHive TheHive { get; }

    /// <summary>The Jira fake when started with <c>jira: true</c> (tasks), else null (Jira off).</summary>
    public FakeJira? Jira { get; }

    public static async Task<IncidentIntegrations> StartAsync(Action<FakeConfluence, FakeTheHive>? arrange = null, bool jira = false, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var confluence = FakeConfluence.Start();
        var theHive = FakeTheHive.Start();
        var jiraFake = jira ? FakeJira.Start() : null;
        arrange?.Invoke(confluence, theHive);
        var settings = Settings(confluence, theHive);
        foreach (var (key, value) in jiraFake?.Settings() ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new IncidentIntegrations(await IrBotApp.StartAsync(settings, services: services), confluence, theHive, jiraFake);
    }

    public static IDictionary<string, string?> Settings(FakeConfluence confluence, FakeTheHive theHive) =>
        confluence.Settings().Concat(theHive.Settings()).ToDictionary(kv => kv.Key, kv => kv.Value);

    public Task<Incident> WaitForAsync(int number, Func<Incident, bool> condition, string what) => WaitForAsync(App, number, condition, what);

    public static async Task<Incident> WaitForAsync(IrBotApp app, int number, Func<Incident, bool> condition, string what)
    {
        Incident? incident = null;
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Number == number);
                return incident is not null && condition(incident);
            },
            what,
            TimeSpan.FromSeconds(30));
        return incident!;
    }

    /// <summary>Opens incident <paramref name="number"/> and waits until it is fully open (all work done).</summary>
    public async Task<Incident> OpenAsync(string title, int number = 1)
    {
        await App.SendCommandAsync("incident " + title);
        await WaitForAsync(number, i => i.Status == IncidentStatus.Active, $"incident {number} is active");
        await App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        return await WaitForAsync(number, _ => true, "the incident");
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Confluence.Dispose();
        TheHive.Dispose();
        Jira?.Dispose();
    }
}
