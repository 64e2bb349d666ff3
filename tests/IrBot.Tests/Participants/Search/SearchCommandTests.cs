using IrBot.Participants.Search;

namespace IrBot.Tests.Participants.Search;

public sealed class SearchCommandTests
{
    [Fact]
    public void Up_to_a_hundred_departments_are_plain_options_sorted_and_long_names_are_cut_to_the_value_limit()
    {
        var longName = new string('D', 200);

        var (options, groups) = SearchCommand.Choices(["Sales", "finance", longName]);

        Assert.Null(groups);
        Assert.Equal([SearchCommand.Key(longName), "finance", "Sales"], options!.Select(o => o.Value));
        Assert.Equal(150, options![0].Value.Length);
        Assert.Equal(75, options![0].Text.Text.Length);
    }
}
