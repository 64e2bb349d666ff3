using System.Diagnostics;
using System.Text.Json.Nodes;
using IrBot.Participants.Search;
using IrBot.Slack.BlockKit;
using IrBot.TestSupport;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

/// <summary>
/// Search in a large workspace: many departments (the menu asks for the matching ones as people type) and a
/// department of many people (every one of them shown, message after message). Departments come from the
/// profile title here, so the directory is one users.list read and no users.profile.get per person.
/// </summary>
public sealed class LargeWorkspaceSearchTests
{
    [Fact]
    public async Task With_ten_thousand_departments_the_modal_stays_small_and_the_menu_answers_the_matching_ones_within_three_seconds()
    {
        await using var app = await StartAsync();
        for (var i = 0; i < 10_000; i++)
        {
            app.Slack.AddUser($"U{i:D9}", $"Person {i}", title: $"Dept {i:D5}");
        }

        var view = await OpenSearchAsync(app);

        // Slack refuses a view over 250 kB; the old inline options made 858 kB from 10,000 short names.
        Assert.True(view.ToJsonString().Length < 4_000, $"the modal is {view.ToJsonString().Length} characters");
        Assert.Equal("external_select", (string?)view["blocks"]![0]!["element"]!["type"]);

        var clock = Stopwatch.StartNew();
        var matching = await SearchTests.SuggestedAsync(app, "UCOMMANDER", "dept 0999");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the options took {clock.Elapsed}");
        Assert.Equal(Enumerable.Range(9990, 10).Select(i => $"Dept {i:D5}"), matching);
        Assert.Equal(BlockLimits.SelectOptions, (await SearchTests.SuggestedAsync(app, "UCOMMANDER", "Dept")).Count);
    }

    [Fact]
    public async Task All_250_people_of_a_department_are_shown_once_each_with_an_invite_button_in_messages_within_block_kit_limits()
    {
        await using var app = await StartAsync();
        var ids = Enumerable.Range(0, 250).Select(i => $"UNET{i:D6}").ToList();
        foreach (var id in ids)
        {
            app.Slack.AddUser(id, "Network Person " + id[4..], title: "Network Engineering");
        }

        await OpenSearchAsync(app);
        await app.SendInteractionAsync(SearchSubmitted("UCOMMANDER", Channel, "Network Engineering"));
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        var messages = EphemeralsTo(app, "UCOMMANDER");
        Assert.True(messages.Count > 1, "more than one message");
        var invited = new List<string>();
        foreach (var message in messages)
        {
            var blocks = message["blocks"]!.AsArray();
            Assert.InRange(blocks.Count, 1, BlockLimits.MessageBlocks);
            Assert.InRange(((string?)message["text"])!.Length, 1, BlockLimits.MessageText);
            Assert.All(blocks, b => Assert.InRange(((string?)b!["text"]?["text"] ?? string.Empty).Length, 0, BlockLimits.SectionText));
            Assert.Equal(blocks.Count, blocks.Select(b => (string?)b!["block_id"] ?? Guid.NewGuid().ToString()).Distinct().Count());
            var buttons = blocks.Where(b => (string?)b!["type"] == "actions").Select(b => b!["elements"]![0]!).ToList();
            Assert.All(buttons, e => Assert.Equal(InviteAction.Id, (string?)e["action_id"]));
            Assert.All(buttons, e => Assert.InRange(((string?)e["text"]!["text"])!.Length, 1, BlockLimits.ButtonText));
            invited.AddRange(buttons.Select(e => (string)e["value"]!));
            Assert.Equal(buttons.Count, blocks.Count(b => (string?)b!["accessory"]?["type"] == "image"));
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), invited.Order(StringComparer.Ordinal));
        Assert.Contains("250 people", (string?)messages[0]["text"], StringComparison.Ordinal);
    }

    private static async Task<IrBotApp> StartAsync()
    {
        var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Participants:DepartmentField"] = "title" });
        await AddIncidentAsync(app, commander: "UCOMMANDER");
        return app;
    }

    /// <summary>Runs <c>/irbot search</c> until the modal opens (the first may find the directory still loading).</summary>
    private static async Task<JsonNode> OpenSearchAsync(IrBotApp app)
    {
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await app.SendCommandAsync("search", userId: "UCOMMANDER", channelId: Channel);
                return app.Slack.Calls("views.open").Count > 0;
            },
            "the search modal opens",
            TimeSpan.FromSeconds(60));
        return app.Slack.Calls("views.open")[^1].Json["view"]!;
    }
}
