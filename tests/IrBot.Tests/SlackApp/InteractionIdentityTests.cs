using System.Text.Json.Nodes;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;

namespace IrBot.Tests.SlackApp;

public class InteractionIdentityTests
{
    [Fact]
    public void The_same_click_delivered_twice_has_one_identity_and_a_new_click_another()
    {
        var click = Fixture("block_actions_channel_message_button_real.json");
        var again = Fixture("block_actions_channel_message_button_real.json");
        var later = Fixture("block_actions_channel_message_button_real.json");
        later["actions"]![0]!["action_ts"] = "1999999999.000001";

        Assert.NotNull(InteractionIdentity.Of(Parse(click)));
        Assert.Equal(InteractionIdentity.Of(Parse(click)), InteractionIdentity.Of(Parse(again)));
        Assert.NotEqual(InteractionIdentity.Of(Parse(click)), InteractionIdentity.Of(Parse(later)));
    }

    [Fact]
    public void Two_people_clicking_at_the_same_instant_are_two_intents()
    {
        var mine = Fixture("block_actions_channel_message_button_real.json");
        var theirs = Fixture("block_actions_channel_message_button_real.json");
        theirs["user"]!["id"] = "USOMEONE99";

        Assert.NotEqual(InteractionIdentity.Of(Parse(mine)), InteractionIdentity.Of(Parse(theirs)));
    }

    [Fact]
    public void A_submit_is_one_intent_per_view_and_input_so_a_corrected_submit_is_another()
    {
        var first = Fixture("view_submission_static_select_datepicker_multiline.json");
        var corrected = Fixture("view_submission_static_select_datepicker_multiline.json");
        corrected["view"]!["state"]!["values"] = new JsonObject();

        var identity = InteractionIdentity.OfSubmission(Parse(first).View!);
        Assert.NotNull(identity);
        Assert.Equal(identity, InteractionIdentity.OfSubmission(Parse(Fixture("view_submission_static_select_datepicker_multiline.json")).View!));
        Assert.NotEqual(identity, InteractionIdentity.OfSubmission(Parse(corrected).View!));
        Assert.True(identity!.Length <= 64, "fits processed_events.event_id");
    }

    [Fact]
    public void Shortcuts_are_left_to_their_handlers()
    {
        Assert.Null(InteractionIdentity.Of(Parse(Fixture("message_action_docs_example.json"))));
    }

    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(Fixtures.Text("interactivity/" + name))!.AsObject();

    private static InteractionPayload Parse(JsonObject json) => InteractionPayload.Parse(json.ToJsonString())!;
}
