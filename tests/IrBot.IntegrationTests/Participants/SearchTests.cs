using System.Net;
using System.Text.Json.Nodes;
using IrBot.TestSupport;
using IrBot.Participants.Search;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

public sealed class SearchTests : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Participants:DepartmentField"] = "XfDEPT01" });
        await AddIncidentAsync(_app, commander: "UCOMMANDER");
        UsersInTwoPages();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_commander_searches_departments_from_every_page_of_users_and_gets_each_person_with_a_picture_and_an_invite_button()
    {
        var response = await _app.SendCommandAsync("search", userId: "UCOMMANDER", channelId: Channel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Assert.Single(_app.Slack.Calls("views.open")).Json;
        Assert.Equal(SearchCommand.CallbackId, (string?)page["view"]!["callback_id"]);
        Assert.Equal(Channel, (string?)page["view"]!["private_metadata"]);
        Assert.Equal("external_select", (string?)page["view"]!["blocks"]![0]!["element"]!["type"]);
        Assert.Equal(["Finance", "Network Engineering"], await SuggestedAsync(_app, "UCOMMANDER", string.Empty));
        Assert.Equal(["Network Engineering"], await SuggestedAsync(_app, "UCOMMANDER", "net"));
        Assert.Equal(["", "cursor=dXNlcjpVMEc5V0ZYTlo%3D"], _app.Slack.Calls("users.list").Select(c => c.Form.ContainsKey("cursor") ? "cursor=" + Uri.EscapeDataString(c.Form["cursor"]) : string.Empty));

        var submitted = await _app.SendInteractionAsync(SearchSubmitted("UCOMMANDER", Channel, "Network Engineering"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await _app.WaitForIdleAsync();

        var results = Assert.Single(EphemeralsTo(_app, "UCOMMANDER"));
        Assert.Equal(Channel, (string?)results["channel"]);
        var blocks = results["blocks"]!.AsArray();
        var people = blocks.Where(b => (string?)b!["accessory"]?["type"] == "image").ToList();
        Assert.Equal(["*Ada Network*\nNetwork engineer", "*Cy Network*\nFirewall lead"], people.Select(b => (string?)b!["text"]!["text"]));
        Assert.Equal("https://avatars.example.com/UADA000001_72.png", (string?)people[0]!["accessory"]!["image_url"]);
        var invites = blocks.Where(b => (string?)b!["type"] == "actions").Select(b => b!["elements"]![0]!).ToList();
        Assert.Equal(["UADA000001", "UCY0000001"], invites.Select(e => (string?)e["value"]));
        Assert.All(invites, e => Assert.Equal(InviteAction.Id, (string?)e["action_id"]));

        await _app.SendInteractionAsync(Click(InviteAction.Id, "UCY0000001", "UCOMMANDER", Channel, _app.Slack.ResponseUrl()));
        await _app.WaitForIdleAsync();

        var invite = Assert.Single(_app.Slack.Calls("conversations.invite"));
        Assert.Equal((Channel, "UCY0000001"), ((string?)invite.Json["channel"], (string?)invite.Json["users"]));
        Assert.Equal(":handshake: <@UCY0000001> was invited to help by <@UCOMMANDER>.", (string?)Assert.Single(_app.Slack.PostedTo(Channel))["text"]);
    }

    [Fact]
    public async Task Search_and_invite_are_refused_for_people_who_are_neither_commander_nor_ir_team()
    {
        var response = await _app.SendCommandAsync("search", userId: IrBotApp.Outsider, channelId: Channel);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("Only the incident commander or the IR team", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Empty(_app.Slack.Calls("views.open"));

        Assert.Empty(await SuggestedAsync(_app, IrBotApp.Outsider, "net"));

        await _app.SendInteractionAsync(Click(InviteAction.Id, "UCY0000001", IrBotApp.Outsider, Channel, _app.Slack.ResponseUrl()));
        await _app.WaitForIdleAsync();
        Assert.Empty(_app.Slack.Calls("conversations.invite"));
        Assert.Contains("Only the incident commander", (string?)Assert.Single(_app.Slack.ResponseUrlPosts()).Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_submission_from_someone_without_the_right_is_refused_even_with_a_valid_view()
    {
        UsersInTwoPages();

        var submitted = await _app.SendInteractionAsync(SearchSubmitted(IrBotApp.Outsider, Channel, "Network Engineering"));

        var answer = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)answer["response_action"]);
        await _app.WaitForIdleAsync();
        Assert.DoesNotContain(_app.Slack.Calls("chat.postEphemeral"), c => (string?)c.Json["user"] == IrBotApp.Outsider && ((string?)c.Json["text"] ?? string.Empty).Contains("Network Engineering", StringComparison.Ordinal));
    }

    /// <summary>Sends the department menu's block_suggestion and returns the option values of the answer.</summary>
    internal static async Task<IReadOnlyList<string?>> SuggestedAsync(IrBotApp app, string user, string typed)
    {
        var response = await app.SendInteractionAsync(DepartmentSuggestion(user, Channel, typed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return answer["options"]!.AsArray().Select(o => (string?)o!["value"]).ToList();
    }

    /// <summary>users.list in two pages (the fake's default is one page): the second only for the first page's cursor.</summary>
    private void UsersInTwoPages()
    {
        static JsonObject User(string id, string name, string title, string? department, bool bot = false) => new()
        {
            ["id"] = id,
            ["team_id"] = "T111",
            ["name"] = name.ToLowerInvariant().Replace(' ', '.'),
            ["deleted"] = false,
            ["real_name"] = name,
            ["is_bot"] = bot,
            ["profile"] = new JsonObject
            {
                ["real_name"] = name,
                ["display_name"] = name,
                ["title"] = title,
                ["image_72"] = $"https://avatars.example.com/{id}_72.png",
                ["fields"] = department is null ? new JsonObject() : new JsonObject { ["XfDEPT01"] = new JsonObject { ["value"] = department, ["alt"] = string.Empty } },
            },
        };

        static string Page(JsonObject[] users, string cursor) => new JsonObject
        {
            ["ok"] = true,
            ["members"] = new JsonArray(users.Cast<JsonNode>().ToArray()),
            ["cache_ts"] = 1498777272,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = cursor },
        }.ToJsonString();

        _app.Slack.Server.Given(Request.Create().WithPath("/api/users.list").UsingPost().WithBody(new RegexMatcher("cursor=dXNlcjpVMEc5V0ZYTlo%3D")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Page(
                [User("UCY0000001", "Cy Network", "Firewall lead", "Network Engineering"), User("UNODEPT001", "No Department", "Intern", null)], string.Empty)));
        _app.Slack.Server.Given(Request.Create().WithPath("/api/users.list").UsingPost())
            .AtPriority(2)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Page(
                [User("UADA000001", "Ada Network", "Network engineer", "Network Engineering"), User("UBEN000001", "Ben Finance", "Controller", "Finance"), User("UBOT000001", "Deploy Bot", "", "Network Engineering", bot: true)],
                "dXNlcjpVMEc5V0ZYTlo=")));
    }
}
