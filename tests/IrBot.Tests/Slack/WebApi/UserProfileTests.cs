using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.WebApi;

namespace IrBot.Tests.Slack.WebApi;

/// <summary>Reading a Slack user's profile (users.info, users.profile.get) in every shape Slack sends.</summary>
public sealed class UserProfileTests
{
    private static readonly JsonSerializerOptions SmallBuffers = new(SlackJson.Options) { DefaultBufferSize = 256 };

    [Fact]
    public void Profile_pictures_are_read_from_image_72_and_image_192()
    {
        var profile = JsonSerializer.Deserialize<UserProfile>("{\"image_72\":\"https://a/72.png\",\"image_192\":\"https://a/192.png\"}", SlackJson.Options)!;

        Assert.Equal(("https://a/72.png", "https://a/192.png"), (profile.Image72, profile.Image192));
    }

    [Theory]
    [InlineData("""{"ok":true,"user":{"id":"U1","profile":{"fields":[]}}}""", 0)]
    [InlineData("""{"ok":true,"user":{"id":"U1","profile":{"fields":null}}}""", -1)]
    [InlineData("""{"ok":true,"user":{"id":"U1","profile":{"fields":{"Xf01":{"value":"SOC","alt":""}}}}}""", 1)]
    public void Profile_fields_arrive_as_an_object_an_empty_array_or_null(string json, int count)
    {
        var user = System.Text.Json.JsonSerializer.Deserialize<IrBot.Slack.WebApi.UserResponse>(json, IrBot.Slack.SlackJson.Options)!.User!;

        Assert.Equal(count, user.Profile!.Fields?.Count ?? -1);
        if (count == 1)
        {
            Assert.Equal("SOC", user.Profile.Fields!["Xf01"].Value);
        }
    }

    [Fact]
    public async Task A_users_list_page_larger_than_one_read_buffer_with_empty_array_fields_is_read_whole()
    {
        // How the Web API client reads a body: streamed, in buffers far smaller than a page of 200 people.
        var members = string.Join(',', Enumerable.Range(0, 200).Select(i => $$$"""{"id":"U{{{i:D8}}}","profile":{"title":"Engineer","fields":[]}}"""));
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"ok":true,"members":[{{members}}]}"""));

        var page = await JsonSerializer.DeserializeAsync<UsersListResponse>(body, SmallBuffers);

        Assert.Equal(200, page!.Members!.Count);
        Assert.All(page.Members, m => Assert.Empty(m.Profile!.Fields!));
    }
}
