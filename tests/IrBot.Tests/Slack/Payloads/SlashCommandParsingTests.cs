using IrBot.Slack.Payloads;

namespace IrBot.Tests.Slack.Payloads;

public class SlashCommandParsingTests
{
    private static SlashCommand Load(string name)
    {
        var command = SlashCommand.FromForm(Fixtures.Form($"interactivity/{name}"));
        Assert.NotNull(command);
        return command;
    }

    [Fact]
    public void Every_slash_command_fixture_parses()
    {
        var files = Fixtures.Files("interactivity", "*.txt").ToList();

        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.NotNull(SlashCommand.FromForm(Fixtures.Form($"interactivity/{f}"))));
    }

    [Fact]
    public void Empty_text_command_in_a_private_channel_decodes_percent_encoded_fields()
    {
        var command = Load("slash_command_private_channel_empty_text.txt");

        Assert.Equal("/webhook-collect", command.Command);
        Assert.Equal(string.Empty, command.Text);
        Assert.Equal("U2CERLKJA", command.UserId);
        Assert.Equal("G8PSS9T3V", command.ChannelId);
        Assert.Equal("foobar", command.ChannelName);
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", command.ResponseUrl);
        Assert.Equal("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", command.TriggerId);
    }

    [Fact]
    public void Enterprise_command_decodes_plus_as_space_and_keeps_text()
    {
        var form = Fixtures.Form("interactivity/slash_command_enterprise.txt");
        var command = SlashCommand.FromForm(form)!;

        Assert.Equal("/hello-world", command.Command);
        Assert.Equal("Hi", command.Text);
        Assert.Equal("W111", command.UserId);
        Assert.Equal("C111", command.ChannelId);
        Assert.Equal("E111", command.EnterpriseId);
        Assert.Equal("Org Name", form["enterprise_name"]);
        Assert.Equal("https://hooks.slack.com/commands/T111/111/xxxxx", command.ResponseUrl);
        Assert.Equal("111.111.xxx", command.TriggerId);
    }

    [Fact]
    public void Docs_example_with_unencoded_slash_parses_every_documented_field()
    {
        var command = Load("slash_command_docs_example.txt");

        Assert.Equal("/weather", command.Command);
        Assert.Equal("94070", command.Text);
        Assert.Equal("U2147483697", command.UserId);
        Assert.Equal("Steve", command.UserName);
        Assert.Equal("C2147483705", command.ChannelId);
        Assert.Equal("T0001", command.TeamId);
        Assert.Equal("E0001", command.EnterpriseId);
        Assert.Equal("A123456", command.ApiAppId);
        Assert.Equal("https://hooks.slack.com/commands/1234/5678", command.ResponseUrl);
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", command.TriggerId);
    }

    [Fact]
    public void Text_is_trimmed()
    {
        var command = SlashCommand.FromForm(new Dictionary<string, string>
        {
            ["command"] = "/irbot",
            ["text"] = "  ic <@U1>  ",
            ["user_id"] = "U1",
            ["channel_id"] = "C1",
        });

        Assert.Equal("ic <@U1>", command?.Text);
    }

    [Theory]
    [InlineData("command")]
    [InlineData("user_id")]
    [InlineData("channel_id")]
    public void Form_without_a_required_field_is_not_a_command(string missing)
    {
        var form = Fixtures.Form("interactivity/slash_command_enterprise.txt");
        form.Remove(missing);

        Assert.Null(SlashCommand.FromForm(form));
    }

    [Fact]
    public void Form_without_text_reads_as_empty_text()
    {
        var form = Fixtures.Form("interactivity/slash_command_enterprise.txt");
        form.Remove("text");

        Assert.Equal(string.Empty, SlashCommand.FromForm(form)?.Text);
    }
}
