using System.Text.Json;
using System.Text.Json.Nodes;
using IrBot.Slack;
using IrBot.Slack.BlockKit;

namespace IrBot.Tests.Slack.BlockKit;

public class BlockKitSerializationTests
{
    private static JsonNode Serialize<T>(T value) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, SlackJson.Options))!;

    [Fact]
    public void Message_blocks_serialize_with_type_discriminators_and_snake_case()
    {
        IReadOnlyList<Block> blocks =
        [
            Blocks.Header("Incident 7"),
            Blocks.Section("*Commander* TBD", blockId: "roles"),
            Blocks.Context("small print"),
            Blocks.Divider(),
            Blocks.Actions("incident_actions", ButtonElement.Of("take_ic", "Take IC", value: "7", style: "primary")),
        ];

        var json = Serialize(blocks).AsArray();

        Assert.Equal(["header", "section", "context", "divider", "actions"], json.Select(b => (string?)b!["type"]));
        Assert.Equal("plain_text", (string?)json[0]!["text"]!["type"]);
        Assert.Equal("mrkdwn", (string?)json[1]!["text"]!["type"]);
        Assert.Equal("roles", (string?)json[1]!["block_id"]);
        Assert.Equal("small print", (string?)json[2]!["elements"]![0]!["text"]);
        Assert.Equal("incident_actions", (string?)json[4]!["block_id"]);
        var button = json[4]!["elements"]![0]!;
        Assert.Equal("button", (string?)button["type"]);
        Assert.Equal("take_ic", (string?)button["action_id"]);
        Assert.Equal("7", (string?)button["value"]);
        Assert.Equal("primary", (string?)button["style"]);
        Assert.Equal("Take IC", (string?)button["text"]!["text"]);
    }

    [Fact]
    public void Null_properties_are_left_out()
    {
        var json = Serialize<IReadOnlyList<Block>>([Blocks.Section("hi"), Blocks.Divider()]);
        var text = json.ToJsonString();

        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("accessory", text, StringComparison.Ordinal);
        Assert.DoesNotContain("block_id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("emoji", json[0]!["text"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("""{"type":"divider"}""", json[1]!.ToJsonString());
    }

    [Fact]
    public void Modal_with_inputs_serializes_as_a_slack_view()
    {
        var modal = ModalView.Create(
            "incident_open",
            "Open an incident",
            [
                Blocks.Input("title", "Title", new PlainTextInputElement { ActionId = "title_input", MaxLength = 150 }),
                Blocks.Input("severity", "Severity", new StaticSelectElement
                {
                    ActionId = "severity_select",
                    Options = [OptionObject.Of("High", "high"), OptionObject.Of("Low", "low")],
                }),
                Blocks.Input("commander", "Commander", new UsersSelectElement { ActionId = "commander_select" }, optional: true),
            ],
            privateMetadata: "42");

        var json = Serialize(modal);

        Assert.Equal("modal", (string?)json["type"]);
        Assert.Equal("incident_open", (string?)json["callback_id"]);
        Assert.Equal("42", (string?)json["private_metadata"]);
        Assert.Equal("Submit", (string?)json["submit"]!["text"]);
        Assert.Equal("Open an incident", (string?)json["title"]!["text"]);
        var blocks = json["blocks"]!.AsArray();
        Assert.All(blocks, b => Assert.Equal("input", (string?)b!["type"]));
        Assert.Equal(["plain_text_input", "static_select", "users_select"], blocks.Select(b => (string?)b!["element"]!["type"]));
        Assert.Equal("title_input", (string?)blocks[0]!["element"]!["action_id"]);
        Assert.Equal(150, (int?)blocks[0]!["element"]!["max_length"]);
        Assert.Equal("high", (string?)blocks[1]!["element"]!["options"]![0]!["value"]);
        Assert.Equal("commander", (string?)blocks[2]!["block_id"]);
        Assert.True((bool?)blocks[2]!["optional"]);
        Assert.Null(blocks[0]!["optional"]);
    }

    [Fact]
    public void Modal_title_is_cut_to_24_characters()
    {
        var modal = ModalView.Create("cb", new string('t', 40), []);

        Assert.Equal(BlockLimits.ModalTitle, modal.Title.Text.Length);
    }

    [Fact]
    public void Truncate_keeps_text_within_the_limit_and_marks_the_cut()
    {
        var cut = BlockLimits.Truncate(new string('a', 200), BlockLimits.HeaderText);

        Assert.Equal(BlockLimits.HeaderText, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith(new string('a', 149), cut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(149)]
    [InlineData(150)]
    public void Truncate_leaves_text_at_or_under_the_limit_alone(int length)
    {
        var text = new string('a', length);

        Assert.Equal(text, BlockLimits.Truncate(text, BlockLimits.HeaderText));
    }

    [Fact]
    public void Truncate_never_splits_an_emoji_in_half()
    {
        var text = new string('a', 148) + "\U0001F6A8\U0001F6A8";

        var cut = BlockLimits.Truncate(text, BlockLimits.HeaderText);

        Assert.InRange(cut.Length, 1, BlockLimits.HeaderText);
        Assert.False(char.IsHighSurrogate(cut[^2]), "a lone high surrogate before the ellipsis is invalid UTF-16");
        Assert.Equal(new string('a', 148) + "…", cut);
    }

    [Fact]
    public void Option_text_is_cut_to_75_characters_and_value_kept()
    {
        var option = OptionObject.Of(new string('x', 100), "v");

        Assert.Equal(OptionObject.MaxTextLength, option.Text.Text.Length);
        Assert.EndsWith("…", option.Text.Text, StringComparison.Ordinal);
        Assert.Equal("v", option.Value);
    }

    [Fact]
    public void Builders_cut_header_section_and_button_text_to_slacks_limits()
    {
        var longText = new string('z', 5000);

        Assert.Equal(BlockLimits.HeaderText, Blocks.Header(longText).Text.Text.Length);
        Assert.Equal(BlockLimits.SectionText, Blocks.Section(longText).Text!.Text.Length);
        Assert.Equal(BlockLimits.ButtonText, ButtonElement.Of("a", longText).Text.Text.Length);
    }
}
