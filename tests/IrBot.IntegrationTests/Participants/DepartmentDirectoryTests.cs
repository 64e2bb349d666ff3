using IrBot.TestSupport;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

/// <summary>
/// The department directory against Slack's real shapes: users.list carries no custom fields (<c>fields</c>
/// is <c>{}</c>, <c>[]</c> or null), users.profile.get has them and may answer 429.
/// </summary>
public sealed class DepartmentDirectoryTests : IAsyncLifetime
{
    private const string Field = "XfDEPT01";
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Participants:DepartmentField"] = Field });
        await AddIncidentAsync(_app, commander: "UCOMMANDER");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task People_whose_listed_profile_has_empty_or_no_custom_fields_are_found_even_when_a_profile_read_is_rate_limited()
    {
        // users.list sends these three as {}, [] and null in turn.
        _app.Slack.AddUser("UAAA000001", "Ann Legal", fields: new Dictionary<string, string> { [Field] = "Legal" });
        _app.Slack.AddUser("UBBB000001", "Bob Legal", fields: new Dictionary<string, string> { [Field] = "Legal" });
        _app.Slack.AddUser("UCCC000001", "Cat Legal", fields: new Dictionary<string, string> { [Field] = "Legal" });
        _app.Slack.RateLimitNext("users.profile.get");

        await _app.SendCommandAsync("search", userId: "UCOMMANDER", channelId: Channel);
        await IrBotApp.WaitUntilAsync(() => _app.Slack.Calls("users.profile.get").Count >= 4, "the profiles were read, one of them twice");
        await _app.WaitForIdleAsync();

        await _app.SendInteractionAsync(SearchSubmitted("UCOMMANDER", Channel, "Legal"));
        await _app.WaitForIdleAsync();

        var results = Assert.Single(EphemeralsTo(_app, "UCOMMANDER"));
        var invites = results["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").Select(b => (string?)b!["elements"]![0]!["value"]).ToList();
        Assert.Equal(["UAAA000001", "UBBB000001", "UCCC000001"], invites);
    }
}
