using IrBot.Integrations.Jira;
using IrBot.Tasks;

namespace IrBot.Tests.Tasks;

public sealed class JiraTasksTests
{
    [Fact]
    public void A_done_screen_that_requires_a_resolution_gets_done()
    {
        var required = new JiraTransition
        {
            Id = "31",
            Name = "Done",
            Fields = new Dictionary<string, JiraTransitionField>
            {
                ["resolution"] = new() { Required = true, AllowedValues = [new() { Id = "10001", Name = "Won't Do" }, new() { Id = "10000", Name = "Done" }] },
            },
        };

        Assert.Equal("10000", JiraTasks.RequiredResolution(required)!["resolution"].Id);
    }

    [Fact]
    public void A_transition_without_required_fields_sends_no_fields()
    {
        var plain = new JiraTransition { Id = "21", Name = "Start Progress" };

        Assert.Null(JiraTasks.RequiredResolution(plain));
    }
}
