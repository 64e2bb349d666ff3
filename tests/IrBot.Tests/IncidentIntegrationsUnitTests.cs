using IrBot.Incidents.Steps;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Incidents.Opening;
using IrBot.Integrations.Confluence;
using IrBot.Slack.Payloads;

namespace IrBot.Tests;

public class ConfluenceTemplateTests
{
    [Fact]
    public void Template_declarations_are_stripped_and_variables_filled_with_escaped_text()
    {
        const string template =
            "<at:declarations><at:string at:name=\"title\" /><at:list at:name=\"sev\"><at:option at:value=\"High\"/></at:list></at:declarations>"
            + "<h1><at:var at:name=\"title\" /></h1><p>Severity: <at:var at:name=\"sev\">x</at:var></p>";

        var body = ConfluencePages.FromTemplate(template, new Dictionary<string, string> { ["title"] = "Logins <from> \"ASN\" & co" });

        Assert.Equal("<h1>Logins &lt;from&gt; &quot;ASN&quot; &amp; co</h1><p>Severity: </p>", body);
    }
}

public class ArchiveFormTests
{
    private static ViewState State(string? resolution, string? impact, string? tags, string? summary) => new()
    {
        Values = new Dictionary<string, IReadOnlyDictionary<string, StateValue>>
        {
            [ArchiveModal.ResolutionBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { SelectedOption = resolution is null ? null : new SelectedOption { Value = resolution } } },
            [ArchiveModal.ImpactBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { SelectedOption = impact is null ? null : new SelectedOption { Value = impact } } },
            [ArchiveModal.TagsBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { Value = tags } },
            [ArchiveModal.SummaryBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { Value = summary } },
        },
    };

    [Fact]
    public void A_complete_form_gives_the_request_with_trimmed_distinct_tags()
    {
        var (request, errors) = ArchiveModalSubmission.Read("U1", State("Duplicated", "NoImpact", " vpn, phishing ,vpn,, ", " Same as incident 3. "));

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal(("U1", "Duplicated", "NoImpact", "Same as incident 3."), (request.RequestedBy, request.ResolutionStatus, request.ImpactStatus, request.Summary));
        Assert.Equal(["vpn", "phishing"], request.Tags);
    }

    [Fact]
    public void An_unknown_resolution_and_too_many_tags_are_field_errors()
    {
        var (request, errors) = ArchiveModalSubmission.Read("U1", State("Resolved", "WithImpact", string.Join(',', Enumerable.Range(1, 21)), "ok"));

        Assert.Null(request);
        Assert.Equal([ArchiveModal.ResolutionBlock, ArchiveModal.TagsBlock], errors.Keys.Order(StringComparer.Ordinal));
    }
}

public class ProgressMessageTests
{
    [Fact]
    public void Progress_shows_each_step_state_and_ends_with_the_links()
    {
        var incident = new Incident
        {
            Number = 7,
            Title = "VPN <abuse>",
            RequestedBy = "U1",
            ChannelId = "C1",
            ConfluencePageUrl = "https://wiki.example.com/p/1",
            TheHiveCaseUrl = "https://hive.example.com/cases/~1/details",
            TheHiveCaseNumber = 12,
        };

        var (text, blocks) = ProgressMessage.Render(
            "Opening " + IncidentMessages.Name(incident),
            [
                new ProgressLine("Slack channel", StepStatus.Done, false, null),
                new ProgressLine("Confluence page", StepStatus.Failed, false, "503 <Service Unavailable>"),
                new ProgressLine("TheHive case", StepStatus.Pending, true, null),
                new ProgressLine("Jira", StepStatus.Skipped, false, null),
                new ProgressLine("Topic", StepStatus.Pending, false, null),
            ],
            incident);

        Assert.Equal("Opening Incident 7: VPN <abuse>", text);
        var json = System.Text.Json.JsonSerializer.Serialize(blocks, IrBot.Slack.SlackJson.Options);
        Assert.Contains("Slack channel: done", json, StringComparison.Ordinal);
        Assert.Contains("Confluence page: failed, retrying", json, StringComparison.Ordinal);
        Assert.Contains("503 \\u0026lt;Service Unavailable\\u0026gt;", json, StringComparison.Ordinal);
        Assert.Contains("TheHive case: working", json, StringComparison.Ordinal);
        Assert.Contains("Jira: skipped", json, StringComparison.Ordinal);
        Assert.Contains("Topic: pending", json, StringComparison.Ordinal);
        Assert.Contains("TheHive case #12", json, StringComparison.Ordinal);
    }
}
