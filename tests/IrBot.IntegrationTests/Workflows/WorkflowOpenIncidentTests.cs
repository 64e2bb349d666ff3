using System.Globalization;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.Workflows;
using IrBot.Workflows.Running;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Workflows.WorkflowKit;

namespace IrBot.IntegrationTests.Workflows;

/// <summary>The open_incident extension action: a keyword message opens a full IR Bot incident and the workflow posts in its channel.</summary>
[Collection(SharedApp.Workflows)]
public sealed class WorkflowOpenIncidentTests(SharedApp shared) : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await shared.ResetAsync();
        Arrange(_app.Slack);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_open_incident_action_opens_an_incident_and_the_next_post_lands_in_its_channel()
    {
        var json = """
            [{"name":"alerting","triggers":[{"name":"T","type":"text","match":"#incident"}],
              "steps":[{"name":"Open","start_actions":[
                {"name":"Open","type":"open_incident","title":"Alert: {{.Trigger.T.Message}}"},
                {"name":"Say","type":"post","channel_name":"{{.Action.Open.ChannelName}}","message":"Opened from a workflow"},
                {"name":"finished","type":"finished_workflow"}]}]}]
            """;
        Assert.Equal("", await (await UploadAsync(_app, json)).Content.ReadAsStringAsync());

        await _app.SendEventAsync(Message("#incident disk full on db1", Ts(11), "EvINCID01"));
        await _app.WaitForIdleAsync();

        await using var db = _app.Db();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal("Alert: #incident disk full on db1", incident.Title);
        var today = "ir-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.StartsWith(today, incident.ChannelName, StringComparison.Ordinal);
        Assert.NotNull(incident.ChannelId);
        Assert.Equal(incident.ChannelId, _app.Slack.Channel(incident.ChannelName!)!.Id);

        var invited = _app.Slack.Calls("conversations.invite").Where(c => (string?)c.Json["channel"] == incident.ChannelId)
            .SelectMany(c => ((string?)c.Json["users"])!.Split(',')).Order().ToList();
        // The IR team, and the requester: the person whose message triggered the workflow.
        Assert.Equal([IrBotApp.IrMember, IrBotApp.IrMember2, Reporter], invited);
        Assert.Equal(Reporter, incident.RequestedBy);

        Assert.Contains(_app.Slack.PostedTo(incident.ChannelId!), p => Text(p) == "Opened from a workflow");
        var instance = await db.WorkflowInstances.SingleAsync();
        Assert.Equal(WorkflowInstanceStatus.Finished, instance.Status);
    }
}
