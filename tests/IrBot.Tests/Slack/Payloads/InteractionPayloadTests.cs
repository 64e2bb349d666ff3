using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.Payloads;

namespace IrBot.Tests.Slack.Payloads;

public class InteractionPayloadTests
{
    private static InteractionPayload Load(string name)
    {
        var payload = InteractionPayload.Parse(Fixtures.Text($"interactivity/{name}"));
        Assert.NotNull(payload);
        return payload;
    }

    public static TheoryData<string, string, string> EveryInteractionFixture() => new()
    {
        { "block_actions_channel_message_button_real.json", InteractionTypes.BlockActions, "UQEUMSA0K" },
        { "block_actions_channel_message_static_select_real.json", InteractionTypes.BlockActions, "UQEUMSA0K" },
        { "block_actions_dm_message_button.json", InteractionTypes.BlockActions, "U03E94MK0" },
        { "block_actions_ephemeral_message_button.json", InteractionTypes.BlockActions, "U111" },
        { "block_actions_modal_datepicker_real.json", InteractionTypes.BlockActions, "UQEUMSA0K" },
        { "block_suggestion_modal_external_select.json", InteractionTypes.BlockSuggestion, "W111" },
        { "message_action_docs_example.json", InteractionTypes.MessageAction, "U0D15K92L" },
        { "message_action_rich_text.json", InteractionTypes.MessageAction, "W111" },
        { "shortcut_global.json", InteractionTypes.Shortcut, "W111" },
        { "view_closed_real.json", InteractionTypes.ViewClosed, "UQEUMSA0K" },
        { "view_submission_private_metadata_enterprise.json", InteractionTypes.ViewSubmission, "W111" },
        { "view_submission_radio_multi_static_text_datepicker_real.json", InteractionTypes.ViewSubmission, "UQEUMSA0K" },
        { "view_submission_static_select_datepicker_multiline.json", InteractionTypes.ViewSubmission, "U12345678" },
        { "view_submission_with_response_urls.json", InteractionTypes.ViewSubmission, "U111" },
    };

    [Theory]
    [MemberData(nameof(EveryInteractionFixture))]
    public void Every_interaction_fixture_parses_with_its_type_and_user(string file, string type, string userId)
    {
        var payload = Load(file);

        Assert.Equal(type, payload.Type);
        Assert.Equal(userId, payload.User?.Id);
    }

    [Fact]
    public void The_theory_above_covers_every_interaction_fixture()
    {
        var covered = EveryInteractionFixture().Cast<object[]>().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var onDisk = Fixtures.Files("interactivity", "*.json").Where(f => f != "view_state_values_all_input_types.json");

        Assert.All(onDisk, f => Assert.Contains(f, covered));
    }

    [Fact]
    public void A_block_suggestion_carries_the_asking_select_what_was_typed_and_the_modals_private_metadata()
    {
        var payload = Load("block_suggestion_modal_external_select.json");

        Assert.Equal(("es_a", "es_b", "search word"), (payload.ActionId, payload.BlockId, payload.Value));
        Assert.Equal(("view-id", string.Empty), (payload.View!.CallbackId, payload.View.PrivateMetadata));
    }

    [Fact]
    public void Button_click_in_a_channel_carries_action_value_channel_message_and_response_url()
    {
        var payload = Load("block_actions_channel_message_button_real.json");

        var action = Assert.Single(payload.Actions!);
        Assert.Equal("interactions_deny", action.ActionId);
        Assert.Equal("interactions_confirmation", action.BlockId);
        Assert.Equal("button", action.Type);
        Assert.Equal("UQEUMSA0K", action.Value);
        Assert.Equal("CQEUMSV7D", payload.Channel?.Id);
        Assert.Equal("1715342584.374249", payload.Message?.Ts);
        Assert.Equal("B0390TCABQB", payload.Message?.BotId);
        Assert.Equal("message", payload.Container?.Type);
        Assert.False(payload.Container?.IsEphemeral);
        Assert.StartsWith("https://hooks.slack.com/actions/", payload.ResponseUrl, StringComparison.Ordinal);
        Assert.NotNull(payload.TriggerId);
    }

    [Fact]
    public void Static_select_action_carries_the_selected_option()
    {
        var payload = Load("block_actions_channel_message_static_select_real.json");

        var action = Assert.Single(payload.Actions!);
        Assert.Equal("select_menu_options", action.ActionId);
        Assert.Equal("static_select", action.Type);
        Assert.Null(action.Value);
        Assert.Equal("B", action.SelectedOption?.Value);
        Assert.Equal("BBBB", action.SelectedOption?.Text?.GetProperty("text").GetString());
    }

    [Fact]
    public void Button_click_in_a_DM_has_a_D_channel_named_directmessage()
    {
        var payload = Load("block_actions_dm_message_button.json");

        Assert.Equal("D065ZJQQQAE", payload.Channel?.Id);
        Assert.Equal("directmessage", payload.Channel?.Name);
        Assert.Equal("clicked", Assert.Single(payload.Actions!).Value);
    }

    [Fact]
    public void Button_click_on_an_ephemeral_message_has_no_message_but_a_response_url()
    {
        var payload = Load("block_actions_ephemeral_message_button.json");

        Assert.True(payload.Container?.IsEphemeral);
        Assert.Null(payload.Message);
        Assert.Equal("C111", payload.Container?.ChannelId);
        Assert.Equal("https://hooks.slack.com/actions/T111/111/xxx", payload.ResponseUrl);
        var action = Assert.Single(payload.Actions!);
        Assert.Equal("save", action.ActionId);
        Assert.Equal("1", action.Value);
    }

    [Fact]
    public void Action_inside_a_modal_has_the_view_but_no_channel_message_or_response_url()
    {
        var payload = Load("block_actions_modal_datepicker_real.json");

        Assert.Equal("view", payload.Container?.Type);
        Assert.Equal("V072ZQ2S56G", payload.Container?.ViewId);
        Assert.NotNull(payload.View);
        Assert.Equal("V072ZQ2S56G", payload.View.Id);
        Assert.Null(payload.Channel);
        Assert.Null(payload.Message);
        Assert.Null(payload.ResponseUrl);
        Assert.Equal("datepicker-action", Assert.Single(payload.Actions!).ActionId);
    }

    [Fact]
    public void Modal_state_with_nothing_selected_reads_as_nulls_and_empty_lists()
    {
        var state = Load("block_actions_modal_datepicker_real.json").View!.State!;

        var radio = state.Get("working_here", "working_here_options");
        Assert.NotNull(radio);
        Assert.Null(radio.SelectedOption);
        Assert.Empty(state.Get("4j/Gd", "nfisX")!.SelectedOptions!);
        Assert.Null(state.Get("it2e/", "Ni5tz")!.Value);
        Assert.Equal("1990-04-18", state.Get("sLIvA", "datepicker-action")!.SelectedDate);
    }

    [Fact]
    public void View_submission_carries_callback_id_and_select_date_and_multiline_values()
    {
        var payload = Load("view_submission_static_select_datepicker_multiline.json");

        Assert.Equal("modal-callback-id", payload.View?.CallbackId);
        Assert.Equal(string.Empty, payload.View?.PrivateMetadata);
        var state = payload.View!.State!;
        Assert.Equal("3", state.Get("rating", "single_action")?.SelectedOption?.Value);
        Assert.Equal("2019-09-23", state.Get("date-of-visit", "single_action")?.SelectedDate);
        Assert.Equal("Just amazing!", state.Get("comment", "single_action")?.Value);
        Assert.Equal("plain_text_input", state.Get("comment", "single_action")?.Type);
    }

    [Fact]
    public void View_submission_carries_radio_multi_select_and_text_values_under_generated_block_ids()
    {
        var state = Load("view_submission_radio_multi_static_text_datepicker_real.json").View!.State!;

        Assert.Equal("2", state.Get("working_here", "working_here_options")?.SelectedOption?.Value);
        Assert.Equal(["value-2", "value-1"], state.Get("4j/Gd", "nfisX")!.SelectedOptions!.Select(o => o.Value));
        Assert.Equal("Pay better", state.Get("it2e/", "Ni5tz")?.Value);
        Assert.Equal("Nothing", state.Get("DVhIO", "zJn8J")?.Value);
        Assert.Equal("1990-04-28", state.Get("sLIvA", "datepicker-action")?.SelectedDate);
    }

    [Fact]
    public void View_state_lookup_of_an_unknown_block_or_action_is_null()
    {
        var state = Load("view_submission_static_select_datepicker_multiline.json").View!.State!;

        Assert.Null(state.Get("no-such-block", "single_action"));
        Assert.Null(state.Get("rating", "no-such-action"));
        Assert.Null(new ViewState().Get("rating", "single_action"));
    }

    [Fact]
    public void View_submission_round_trips_private_metadata()
    {
        var payload = Load("view_submission_private_metadata_enterprise.json");

        Assert.Equal("view-id", payload.View?.CallbackId);
        Assert.Equal("This is for you!", payload.View?.PrivateMetadata);
        Assert.Equal("test", payload.View?.State?.Get("hspI", "maBWU")?.Value);
    }

    [Fact]
    public void View_submission_with_conversation_selects_and_response_urls_parses()
    {
        var payload = Load("view_submission_with_response_urls.json");

        Assert.Equal(InteractionTypes.ViewSubmission, payload.Type);
        Assert.Null(payload.View?.State?.Get("b", "a"));
    }

    [Fact]
    public void View_closed_carries_the_view_and_its_state()
    {
        var payload = Load("view_closed_real.json");

        Assert.Equal("V075UPJMERW", payload.View?.Id);
        Assert.Equal("CQEUMSV7D", payload.View?.State?.Get("my_block_id", "my_action_id")?.SelectedConversation);
    }

    [Fact]
    public void Message_shortcut_carries_the_message_channel_and_response_url()
    {
        var payload = Load("message_action_docs_example.json");

        Assert.Equal("chirp_message", payload.CallbackId);
        Assert.Equal("1516229207.000133", payload.Message?.Ts);
        Assert.Equal("U0MJRG1AL", payload.Message?.User);
        Assert.Contains("smallest big cat", payload.Message?.Text, StringComparison.Ordinal);
        Assert.Equal("D0LFFBKLZ", payload.Channel?.Id);
        Assert.Equal("https://hooks.slack.com/app-actions/T0MJR11A4/21974584944/yk1S9ndf35Q1flupVG5JbpM6", payload.ResponseUrl);
        Assert.Equal("13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536", payload.TriggerId);
    }

    [Fact]
    public void Message_shortcut_on_a_rich_text_message_carries_the_message_and_its_ts()
    {
        var payload = Load("message_action_rich_text.json");

        Assert.Equal("test-shortcut", payload.CallbackId);
        Assert.Equal("1583636382.000300", payload.MessageTs);
        Assert.Equal("1583636382.000300", payload.Message?.Ts);
        Assert.Equal("W111", payload.Message?.User);
        Assert.Equal("C111", payload.Channel?.Id);
        Assert.Equal("https://hooks.slack.com/app/T111/111/xxx", payload.ResponseUrl);
    }

    [Fact]
    public void Global_shortcut_has_no_channel_message_or_response_url()
    {
        var payload = Load("shortcut_global.json");

        Assert.Equal("test-shortcut", payload.CallbackId);
        Assert.Equal("111.111.xxxxxx", payload.TriggerId);
        Assert.Null(payload.Channel);
        Assert.Null(payload.Message);
        Assert.Null(payload.ResponseUrl);
    }

    [Fact]
    public void State_values_of_every_input_type_deserialize()
    {
        var state = JsonSerializer.Deserialize<ViewState>(Fixtures.Text("interactivity/view_state_values_all_input_types.json"), SlackJson.Options);

        Assert.NotNull(state);
        Assert.Equal("1990-04-12", state.Get("b1", "a1")?.SelectedDate);
        Assert.Equal("This is a test", state.Get("b2", "a2")?.Value);
        Assert.Equal("Something wrong\nPlease help me!", state.Get("b3", "a3")?.Value);
        Assert.Equal("U123", state.Get("b4", "a4")?.SelectedUser);
        Assert.Equal(["U123", "U234"], state.Get("b4-2", "a4-2")?.SelectedUsers!);
        Assert.Equal("C123", state.Get("b5", "a5")?.SelectedConversation);
        Assert.Equal(["C123", "C234"], state.Get("b5-2", "a5-2")?.SelectedConversations!);
        Assert.Equal("C123", state.Get("b6", "a6")?.SelectedChannel);
        Assert.Equal(["C123", "C234"], state.Get("b6-2", "a6-2")?.SelectedChannels!);
        Assert.Equal(["value-0", "value-1"], state.Get("b7", "a7")!.SelectedOptions!.Select(o => o.Value));
        Assert.Equal(["value-0", "value-1"], state.Get("b8", "a8")!.SelectedOptions!.Select(o => o.Value));
        Assert.Equal("checkboxes", state.Get("b8", "a8")?.Type);
        Assert.Equal("option 1", state.Get("b9", "a9")?.SelectedOption?.Value);
    }

    [Fact]
    public void Interactivity_form_field_decodes_to_a_payload()
    {
        // On the wire the JSON arrives percent-encoded in the form field "payload".
        var json = Fixtures.Text("interactivity/shortcut_global.json");
        var body = "payload=" + Uri.EscapeDataString(json);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);

        var payload = InteractionPayload.Parse(form["payload"].ToString());

        Assert.Equal(InteractionTypes.Shortcut, payload?.Type);
        Assert.Equal("W111", payload?.User?.Id);
    }
}
