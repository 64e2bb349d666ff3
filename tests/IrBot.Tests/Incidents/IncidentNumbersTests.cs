using IrBot.Incidents;

namespace IrBot.Tests.Incidents;

public class IncidentNumbersTests
{
    [Fact]
    public void Openings_that_read_the_same_highest_number_each_get_their_own()
    {
        var numbers = new IncidentNumbers();
        var reservations = Enumerable.Range(0, 50).Select(_ => numbers.Begin()).ToList();

        var taken = reservations.Select(r => r.Take(storedMax: 7)).ToList();

        Assert.Equal(Enumerable.Range(8, 50), taken.Order());
    }

    [Fact]
    public void An_opening_that_read_before_another_committed_does_not_take_its_number()
    {
        var numbers = new IncidentNumbers();
        var first = numbers.Begin();
        var second = numbers.Begin();
        Assert.Equal(8, first.Take(storedMax: 7));
        first.Dispose(); // committed 8, but the second read the highest stored number (7) before that

        Assert.Equal(9, second.Take(storedMax: 7));
    }

    [Fact]
    public void Once_nobody_is_choosing_the_next_number_follows_the_database_again()
    {
        var numbers = new IncidentNumbers();
        using (var opening = numbers.Begin())
        {
            Assert.Equal(42, opening.Take(storedMax: 41));
        }

        // The incidents were deleted meanwhile (or the one above was rolled back): nothing is remembered.
        using var next = numbers.Begin();
        Assert.Equal(1, next.Take(storedMax: 0));
    }
}
