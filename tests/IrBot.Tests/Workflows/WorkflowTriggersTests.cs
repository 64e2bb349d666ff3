using IrBot.Workflows.Parsing;
using IrBot.Workflows.Triggers;
using static IrBot.Tests.Workflows.WorkflowFiles;

namespace IrBot.Tests.Workflows;

public class WorkflowTriggersTests
{
    private static TriggerMessage Message(string text, string channel = "general", string team = "acme") =>
        new(text, [team, $"{team}-corp"], channel, "C0GENERAL1");

    private static string[] Started(string triggers, TriggerMessage message)
    {
        var result = WorkflowFileParser.Parse(With(triggers: triggers));
        Assert.Empty(result.Errors);
        return WorkflowTriggers.Find(result.Workflows, message).Matches.Select(m => m.Trigger.Name).ToArray();
    }

    [Fact]
    public void The_sample_starts_on_a_message_containing_its_keyword()
    {
        var workflows = WorkflowFileParser.Parse(Sample).Workflows;
        var match = Assert.Single(WorkflowTriggers.Find(workflows, Message("found a leaked key #sec please look")).Matches);
        Assert.Equal(("security_issue", "IssueReported"), (match.Workflow.Name, match.Trigger.Name));
        Assert.Empty(WorkflowTriggers.Find(workflows, Message("nothing to see")).Matches);
    }

    [Fact]
    public void Match_is_a_substring_as_typed() => Assert.Empty(Started(Trigger, Message("#SEC")));

    [Fact]
    public void Match_regex_searches_the_message() =>
        Assert.Equal(["r"], Started("""{"name":"r","type":"text","match_regex":"host \\w+ is (DOWN|UNREACHABLE)"}""", Message("ALERT: host db1 is DOWN")));

    [Fact]
    public void Team_and_channel_filters_narrow_what_is_watched()
    {
        var trigger = """{"name":"n","type":"text","team_name":"ACME","channel_name":"Nagios Alerts","match":"#s1critical"}""";
        Assert.Equal(["n"], Started(trigger, Message("#s1critical", channel: "nagios-alerts")));
        Assert.Empty(Started(trigger, Message("#s1critical", channel: "general")));
        Assert.Empty(Started(trigger, Message("#s1critical", channel: "nagios-alerts", team: "other")));
    }

    [Fact]
    public void A_channel_filter_may_be_a_channel_id() =>
        Assert.Equal(["i"], Started("""{"name":"i","type":"text","channel_name":"C0GENERAL1","match":"x"}""", Message("x")));

    [Fact]
    public void A_workflow_starts_once_however_many_of_its_triggers_fit() =>
        Assert.Equal(["a"], Started("""{"name":"a","type":"text","match":"x"},{"name":"b","type":"text","match_regex":"x"}""", Message("x")));

    [Fact]
    public void A_regex_that_runs_too_long_does_not_match_and_is_reported()
    {
        // The lookahead needs the backtracking engine; the nested quantifier makes it catastrophic.
        var result = WorkflowFileParser.Parse(With(triggers: """{"name":"slow","type":"text","match_regex":"^(?=a)(a+)+$"}"""));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scan = WorkflowTriggers.Find(result.Workflows, Message(new string('a', 40) + "!"));
        Assert.Empty(scan.Matches);
        Assert.Equal("slow", Assert.Single(scan.TimedOut).Trigger.Name);
        // Without the timeout this regex would run for hours; the bound only guards against a hang.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }
}
