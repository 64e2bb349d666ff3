using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.WebApi;

namespace IrBot.Tests.Slack.WebApi;

/// <summary>Reading a Slack user's profile (users.info, users.profile.get) in every shape Slack sends.</summary>
public sealed class UserProfileTests
{
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
}
