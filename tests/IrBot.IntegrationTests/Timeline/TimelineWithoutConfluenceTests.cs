using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Timeline;

[Collection(SharedApp.Intake)]
public sealed class TimelineWithoutConfluenceTests(SharedApp shared) : IAsyncLifetime
{
    private const string Channel = "CINC000002";
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await shared.ResetAsync();
        await using var db = _app.Db();
        db.Incidents.Add(new Incident
        {
            Number = 1, Title = "No wiki", Status = IncidentStatus.Active, RequestedBy = IrBotApp.IrMember,
            OpenedAt = DateTime.UtcNow, ChannelId = Channel, ChannelName = "ir-20261125",
        });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string?> SendAsync(string text, string command)
    {
        var response = await _app.SendCommandAsync(text, IrBotApp.IrMember, Channel, command);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"];
    }

    [Fact]
    public async Task With_confluence_off_notes_are_kept_and_pubtl_says_there_is_nowhere_to_publish()
    {
        Assert.Contains("Noted as note 1", await SendAsync("Kept for later", "/note"), StringComparison.Ordinal);

        Assert.Equal("Confluence is not configured, so there is nowhere to publish. The notes are kept.", await SendAsync("pubtl", "/irbot"));

        await using var db = _app.Db();
        var note = await db.TimelineNotes.SingleAsync();
        Assert.Null(note.PublishedAt);
        Assert.Empty(_app.Slack.PostedTo(IrBotApp.AdminChannel));
    }
}
