using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.Roles;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Roles;

[Collection(SharedApp.Intake)]
public sealed class RoleTests(SharedApp shared) : IAsyncLifetime
{
    private const string Channel = "CINCIDENT1";
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await shared.ResetAsync();
        await using var db = _app.Db();
        db.Incidents.Add(new Incident
        {
            Number = 7,
            Title = "Phishing wave",
            Status = IncidentStatus.Active,
            RequestedBy = IrBotApp.IrMember,
            OpenedAt = DateTime.UtcNow,
            ChannelId = Channel,
            ChannelName = "ir-20261125",
        });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Setting_the_commander_announces_the_handover_in_the_channel_from_TBD()
    {
        var first = await ReplyAsync("ic <@UALICE0001|alice>");

        Assert.Equal("in_channel", (string?)first["response_type"]);
        Assert.Equal($":arrows_counterclockwise: Commander handover: TBD → <@UALICE0001> (set by <@{IrBotApp.IrMember}>).", (string?)first["text"]);

        var second = await ReplyAsync("ic <@UBOB000001>");
        Assert.Contains("Commander handover: <@UALICE0001> → <@UBOB000001>", (string?)second["text"], StringComparison.Ordinal);

        await using var db = _app.Db();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal("UBOB000001", incident.CommanderId);
        var changes = await db.RoleChanges.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([null, "UALICE0001"], changes.Select(c => c.PreviousUserId));
        Assert.All(changes, c => Assert.Equal(IncidentRole.Commander, c.Role));
    }

    [Fact]
    public async Task Setting_the_scribe_announces_the_handover_and_who_shows_both_roles_to_the_asker_only()
    {
        await ReplyAsync("ic <@UALICE0001>");
        var scribe = await ReplyAsync("scribe <@UCAROL0001>");
        Assert.Contains("Scribe handover: TBD → <@UCAROL0001>", (string?)scribe["text"], StringComparison.Ordinal);

        var who = await ReplyAsync("who", userId: IrBotApp.Outsider);

        Assert.Equal("ephemeral", (string?)who["response_type"]);
        Assert.Equal("*Incident 7: Phishing wave*\nCommander: <@UALICE0001>\nScribe: <@UCAROL0001>", (string?)who["text"]);
    }

    [Fact]
    public async Task Who_says_TBD_before_anyone_is_named()
    {
        var who = await ReplyAsync("who");

        Assert.Equal("*Incident 7: Phishing wave*\nCommander: TBD\nScribe: TBD", (string?)who["text"]);
    }

    [Fact]
    public async Task Naming_the_current_holder_again_changes_nothing()
    {
        await ReplyAsync("scribe <@UCAROL0001>");
        var again = await ReplyAsync("scribe <@UCAROL0001>");

        Assert.Equal("ephemeral", (string?)again["response_type"]);
        Assert.Contains("is already the scribe", (string?)again["text"], StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.Single(await db.RoleChanges.ToListAsync());
    }

    [Theory]
    [InlineData("ic <@UALICE0001>", IrBotApp.Outsider, Channel, "Only the IR team can change the incident commander.")]
    [InlineData("scribe <@UALICE0001>", IrBotApp.Outsider, Channel, "Only the IR team can change the incident scribe.")]
    [InlineData("ic <@UALICE0001>", IrBotApp.IrMember, "CGENERAL01", "This command works in an incident channel")]
    [InlineData("who", IrBotApp.Outsider, "CGENERAL01", "This command works in an incident channel")]
    [InlineData("ic", IrBotApp.IrMember, Channel, "Usage: `/irbot ic @user`")]
    [InlineData("scribe alice", IrBotApp.IrMember, Channel, "Usage: `/irbot scribe @user`")]
    [InlineData("ic <@UALICE0001> <@UBOB000001>", IrBotApp.IrMember, Channel, "mention exactly one person")]
    public async Task Refusals_are_ephemeral_and_say_why(string text, string userId, string channelId, string expected)
    {
        var reply = await ReplyAsync(text, userId, channelId);

        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains(expected, (string?)reply["text"], StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.RoleChanges.AnyAsync());
    }

    [Fact]
    public async Task Roles_of_an_archived_incident_cannot_be_changed()
    {
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            incident.Status = IncidentStatus.Closed;
            await db.SaveChangesAsync();
        }

        var reply = await ReplyAsync("ic <@UALICE0001>");

        Assert.Contains(IncidentLookup.NotAnIncidentChannel, (string?)reply["text"], StringComparison.Ordinal);
    }

    private async Task<JsonNode> ReplyAsync(string text, string userId = IrBotApp.IrMember, string channelId = Channel)
    {
        var response = await _app.SendCommandAsync(text, userId, channelId);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
