using IrBot.TestSupport;

namespace IrBot.IntegrationTests.SlackIntake;

/// <summary>
/// One IR Bot with Confluence, TheHive and Jira on and a department field, reached over one mode of delivery, for
/// all of <see cref="SlackDeliveryTests"/> in that mode; reset before each test.
/// </summary>
public abstract class SlackDeliveryHost(bool socketMode) : IAsyncLifetime
{
    public const string DepartmentField = "XfDEPT01";

    public FakeSlack Slack { get; } = FakeSlack.Start();
    public FakeConfluence Confluence { get; } = FakeConfluence.Start();
    public FakeTheHive TheHive { get; } = FakeTheHive.Start();
    public FakeJira Jira { get; } = FakeJira.Start();
    public FakeSocketMode? Socket { get; private set; }
    public IrBotApp App { get; private set; } = null!;
    public ISlackDelivery Delivery { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = IncidentIntegrations.Settings(Confluence, TheHive);
        foreach (var (key, value) in Jira.Settings())
        {
            settings[key] = value;
        }

        settings["Participants:DepartmentField"] = DepartmentField;
        if (socketMode)
        {
            Socket = await FakeSocketMode.StartAsync(Slack);
            settings["Slack:AppToken"] = FakeSocketMode.AppToken;
            settings["Slack:SigningSecret"] = string.Empty;
        }

        App = await IrBotApp.StartAsync(settings, slack: Slack);
        Delivery = Socket is null ? new HttpSlackDelivery(App) : new SocketModeSlackDelivery(Socket, Slack);
    }

    /// <summary>The host as good as new: work finished, tables empty, the fakes forgetful, both sockets open.</summary>
    public async Task<IrBotApp> ResetAsync()
    {
        await App.ResetAsync();
        Jira.Reset();
        if (Socket is not null)
        {
            await Socket.WaitForOpenAsync(IrBot.SlackApp.SlackSocketMode.Connections);
        }

        return App;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Socket is not null)
        {
            await Socket.DisposeAsync();
        }

        Slack.Dispose();
        Confluence.Dispose();
        TheHive.Dispose();
        Jira.Dispose();
    }
}

public sealed class HttpDeliveryHost() : SlackDeliveryHost(socketMode: false);

public sealed class SocketModeDeliveryHost() : SlackDeliveryHost(socketMode: true);
