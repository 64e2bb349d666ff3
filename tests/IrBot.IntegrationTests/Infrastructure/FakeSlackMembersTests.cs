using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Infrastructure;

/// <summary>The stand-in's conversations.members answers as Slack's does: pages with a cursor, and nothing of a channel the bot may not see.</summary>
public sealed class FakeSlackMembersTests
{
    [Fact]
    public async Task Members_come_in_pages_and_a_private_channel_without_the_bot_or_an_unknown_one_is_channel_not_found()
    {
        using var slack = FakeSlack.Start();
        using var http = new HttpClient();
        slack.AddChannel("CPRIV00001", "ir-private", isPrivate: true);
        slack.AddToChannel("CPRIV00001", IrBotApp.BotUserId);
        var people = Enumerable.Range(1, 5).Select(n => $"UPERSON{n:D3}").ToList();
        people.ForEach(p => slack.AddToChannel("CPRIV00001", p));

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await MembersAsync(http, slack, "CPRIV00001", limit: 2, cursor);
            Assert.True((bool)page["ok"]!);
            seen.AddRange(page["members"]!.AsArray().Select(m => (string)m!));
            cursor = (string?)page["response_metadata"]!["next_cursor"];
            pages++;
        }
        while (!string.IsNullOrEmpty(cursor));

        Assert.Equal(3, pages);
        Assert.Equal(people.Append(IrBotApp.BotUserId).Order(StringComparer.Ordinal), seen);
        Assert.Equal("invalid_cursor", (string?)(await MembersAsync(http, slack, "CPRIV00001", limit: 2, cursor: "bm90LWEtY3Vyc29y"))["error"]);
        Assert.Equal("channel_not_found", (string?)(await MembersAsync(http, slack, "CNOSUCH001", limit: 100, cursor: null))["error"]);

        slack.RemoveFromChannel("CPRIV00001", IrBotApp.BotUserId);
        Assert.Equal("channel_not_found", (string?)(await MembersAsync(http, slack, "CPRIV00001", limit: 100, cursor: null))["error"]);
    }

    /// <summary>conversations.members as the bot calls it: a form POST with the bot token.</summary>
    private static async Task<JsonNode> MembersAsync(HttpClient http, FakeSlack slack, string channel, int limit, string? cursor)
    {
        var form = new Dictionary<string, string> { ["channel"] = channel, ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (cursor is not null)
        {
            form["cursor"] = cursor;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, slack.ApiBaseUrl + "conversations.members") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IrBotApp.BotToken);
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
