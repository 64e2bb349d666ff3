using IrBot.Participants.Search;

namespace IrBot.Tests.Participants.Search;

public sealed class SearchCommandTests
{
    [Fact]
    public void Typed_text_matches_anywhere_in_the_name_ignoring_case_with_names_starting_with_it_first()
    {
        var options = SearchCommand.Matching(["Security Engineering", "Network Engineering", "Engineering", "Finance"], "engin");

        Assert.Equal(["Engineering", "Network Engineering", "Security Engineering"], options.Select(o => o.Value));
    }

    [Fact]
    public void At_most_a_hundred_options_are_answered_and_long_names_are_cut_to_the_value_and_text_limits()
    {
        var longName = new string('D', 200);
        var departments = Enumerable.Range(0, 250).Select(i => $"Department {i:D3}").Append(longName).ToList();

        var options = SearchCommand.Matching(departments, string.Empty);

        Assert.Equal(100, options.Count);
        Assert.Equal(SearchCommand.Key(longName), options[0].Value);
        Assert.Equal(150, options[0].Value.Length);
        Assert.Equal(75, options[0].Text.Text.Length);
    }
}
