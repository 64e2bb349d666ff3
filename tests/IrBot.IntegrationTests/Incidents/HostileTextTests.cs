using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.IntegrationTests.Tasks;
using IrBot.Tasks;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>
/// One rule for Slack's escaping: decoded once at intake, stored as typed, escaped once on the way out.
/// A hostile title, task, note, update and summary go through every message of an incident's life; no
/// mrkdwn text that reaches Slack may ping the channel, mention the planted user, or show <c>&amp;amp;</c>.
/// </summary>
public sealed class HostileTextTests
{
    private const string Owner = "UOWNER0001";
    private const string Evil = "UEVIL00001";

    // What Slack sends for a command where someone typed: R&D <b> @channel @evil
    private const string CommandText = "R&amp;D &lt;b&gt; <!channel> <@" + Evil + ">";

    // What a plain_text_input sends for the same typing (modals are not escaped by Slack).
    private const string ModalText = "R&D <b> <!channel> <@" + Evil + ">";

    [Fact]
    public async Task Hostile_text_reaches_slack_escaped_exactly_once_in_every_message()
    {
        await using var env = await IncidentIntegrations.StartAsync(jira: true);
        env.Jira!.AddUser("olive.owner@example.com", "5b10ac8d82e05b22cc7d4ef5");
        env.App.Slack.AddUser(Owner, "Olive Owner", "olive.owner@example.com");
        env.App.Slack.AddUser(IrBotApp.IrMember, "Ian Responder", "ian@example.com");
        var replies = new List<string>();

        var opened = await env.App.SendCommandAsync("incident " + CommandText);
        replies.Add(await opened.Content.ReadAsStringAsync());
        var incident = await env.WaitForAsync(1, i => i.Status == IncidentStatus.Active, "incident 1 is active");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("R&D <b> <!channel> <@" + Evil + ">", incident.Title);
        var channel = incident.ChannelId!;
        var id = incident.Id.ToString(CultureInfo.InvariantCulture);

        await env.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            id,
            (NewTaskModal.TitleBlock, TaskPayloads.Text(ModalText)),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text(ModalText)),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(Owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select("Critical"))));
        await IrBotApp.WaitUntilAsync(() => env.Jira.Issues.Count == 1 && env.App.Slack.PostedTo("D" + Owner).Count > 0, "the task has its Jira issue and DM");

        replies.Add(await (await env.App.SendCommandAsync(CommandText, IrBotApp.IrMember, channel, "/note")).Content.ReadAsStringAsync());
        replies.Add(await (await env.App.SendCommandAsync("searchnote", IrBotApp.IrMember, channel)).Content.ReadAsStringAsync());
        replies.Add(await (await env.App.SendCommandAsync("searchnote R&amp;D", IrBotApp.IrMember, channel)).Content.ReadAsStringAsync());
        replies.Add(await (await env.App.SendCommandAsync("who", IrBotApp.IrMember, channel)).Content.ReadAsStringAsync());
        await env.App.SendInteractionAsync(TaskPayloads.ViewSubmission(UpdateModal.CallbackId, IrBotApp.IrMember, id, (UpdateModal.SynopsisBlock, TaskPayloads.Text(ModalText))));
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        replies.Add(await (await env.App.SendCommandAsync("archive", IrBotApp.IrMember, channel)).Content.ReadAsStringAsync());
        await env.App.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "phishing", ModalText));
        await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident is closed");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        var sent = env.App.Slack.Calls("chat.postMessage")
            .Concat(env.App.Slack.Calls("chat.postEphemeral"))
            .Concat(env.App.Slack.Calls("chat.update"))
            .Concat(env.App.Slack.Calls("views.open"))
            .Concat(env.App.Slack.Calls("views.update"))
            .Concat(env.App.Slack.Calls("views.push"))
            .Concat(env.App.Slack.ResponseUrlPosts())
            .Select(c => c.Body)
            .Concat(replies.Where(r => r.Length > 0))
            .ToList();
        var texts = sent.SelectMany(body => MrkdwnTexts(JsonNode.Parse(body))).ToList();

        // The title, the task, the note and the summary each reached Slack, escaped once.
        Assert.Contains(texts, t => t.Contains("R&amp;D &lt;b&gt; &lt;!channel&gt;", StringComparison.Ordinal));
        Assert.True(texts.Count > 20, $"every message was seen ({texts.Count} texts)");
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain("<!channel>", t, StringComparison.Ordinal);
            Assert.DoesNotContain("<@" + Evil + ">", t, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", t, StringComparison.Ordinal);
            Assert.DoesNotContain("&amp;amp;", t, StringComparison.Ordinal);
            Assert.DoesNotContain("&amp;lt;", t, StringComparison.Ordinal);
        });

        // Other systems get the text as typed.
        Assert.Contains("R&D <b>", (string?)Assert.Single(env.TheHive.Cases)["title"], StringComparison.Ordinal);
        Assert.Contains("R&D <b>", (string?)Assert.Single(env.Jira.Issues).Fields["summary"], StringComparison.Ordinal);
    }

    /// <summary>Every mrkdwn text of a message or view: top-level <c>text</c> and text objects not typed plain_text.</summary>
    private static IEnumerable<string> MrkdwnTexts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var plain = (string?)obj["type"] is "plain_text" or "plain_text_input";
                foreach (var (key, value) in obj)
                {
                    if (key == "text" && value is JsonValue v && v.TryGetValue<string>(out var s) && !plain)
                    {
                        yield return s;
                    }
                    else if (key is not "private_metadata" and not "metadata" and not "value" and not "initial_value")
                    {
                        foreach (var inner in MrkdwnTexts(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in MrkdwnTexts(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
