using IrBot.Workflows.Managing;
using IrBot.Workflows.Parsing;
using IrBot.Workflows.Running;
using IrBot.Workflows.Sets;

namespace IrBot.Tests.Workflows;

/// <summary>The pure parts of running workflows in Slack: what changed in an upload, the post's blocks, errors in the modal, message times.</summary>
public sealed class WorkflowSlackTests
{
    [Fact]
    public void An_upload_is_described_by_the_workflows_it_adds_removes_and_changes_ignoring_layout()
    {
        var before = WorkflowFiles.With(name: "\"keep\"")[..^1] + "," + WorkflowFiles.With(name: "\"gone\"")[1..];
        var after = WorkflowFiles.With(name: "\"keep\"").Replace("#sec", "#security", StringComparison.Ordinal)[..^1] + "," + WorkflowFiles.With(name: "\"new\"")[1..];

        Assert.Equal("added new; removed gone; changed keep", WorkflowCatalog.Describe(before, after));
        Assert.Equal("no workflow changed", WorkflowCatalog.Describe(before, before.Replace(",", ",\n  ", StringComparison.Ordinal)));
        Assert.Equal("added keep, gone", WorkflowCatalog.Describe(null, before));
    }

    [Fact]
    public void A_post_names_its_run_and_field_or_transition_in_each_block_so_a_click_finds_them()
    {
        var post = WorkflowFileParser.Parse(WorkflowFiles.Sample).Workflows[0].FindAction("TriagePost") as IrBot.Workflows.Definitions.PostAction;

        var blocks = WorkflowPostMessage.Blocks(post!, 42, "New issue", [], null);

        var ids = blocks.Select(b => b.BlockId).OfType<string>().ToList();
        Assert.Equal(["wff|42|Alert", "wff|42|Likelihood", "wff|42|Impact", "wff|42|Severity", "wft|42|0", "wft|42|1"], ids);
        Assert.True(WorkflowPostMessage.TryReadBlockId("wff|42|Likelihood", transition: false, out var run, out var field));
        Assert.Equal((42L, "Likelihood"), (run, field));
        Assert.False(WorkflowPostMessage.TryReadBlockId("wff|42|Likelihood", transition: true, out _, out _));
        Assert.False(WorkflowPostMessage.TryReadBlockId("something else", transition: false, out _, out _));
    }

    [Fact]
    public void Many_upload_errors_are_listed_one_a_line_and_cut_with_a_count_of_the_rest()
    {
        var errors = Enumerable.Range(1, 100).Select(i => $"Error parsing workflow: unable to load actions: problem number {i}").ToList();

        var shown = WorkflowEditSubmission.Describe(errors);

        Assert.True(shown.Length <= WorkflowEditSubmission.MaxErrorLength);
        Assert.StartsWith(errors[0] + "\n" + errors[1] + "\n", shown, StringComparison.Ordinal);
        Assert.Matches(@"\n… and \d+ more\.$", shown);
    }

    [Fact]
    public void A_message_ts_is_the_time_the_message_was_written()
    {
        Assert.Equal(new DateTime(2021, 1, 10, 6, 54, 19, 1, DateTimeKind.Utc).AddTicks(4000), MessageTriggerHandler.MessageTime("1610261659.001400"));
    }
}
