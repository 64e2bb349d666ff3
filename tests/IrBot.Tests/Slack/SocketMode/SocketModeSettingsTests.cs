using System.ComponentModel.DataAnnotations;
using IrBot.Slack.WebApi;

namespace IrBot.Tests.Slack.SocketMode;

public class SocketModeSettingsTests
{
    private static List<string> Problems(SlackOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }

    [Fact]
    public void Http_mode_needs_the_signing_secret()
    {
        var problems = Problems(new SlackOptions { BotToken = "xoxb-1" });

        Assert.Contains(problems, p => p.StartsWith("Slack:SigningSecret is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Socket_mode_needs_no_signing_secret()
    {
        var options = new SlackOptions { BotToken = "xoxb-1", AppToken = "xapp-1-A1-2-abc" };

        Assert.Empty(Problems(options));
        Assert.True(options.SocketMode);
    }

    [Fact]
    public void A_bot_token_in_place_of_the_app_token_is_refused_with_the_setting_named()
    {
        var problems = Problems(new SlackOptions { BotToken = "xoxb-1", AppToken = "xoxb-1" });

        Assert.Contains(problems, p => p.StartsWith("Slack:AppToken must be an app-level token", StringComparison.Ordinal));
    }
}
