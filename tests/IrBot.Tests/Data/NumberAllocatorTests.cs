using IrBot.Data;

namespace IrBot.Tests.Data;

public class NumberAllocatorTests
{
    private const string Sequence = NumberAllocator.Incidents;

    [Fact]
    public void Rows_made_at_once_that_read_the_same_highest_number_each_get_their_own()
    {
        var numbers = new NumberAllocator();
        var reservations = Enumerable.Range(0, 50).Select(_ => numbers.Begin(Sequence)).ToList();

        var taken = reservations.Select(r => r.Take(storedMax: 7)).ToList();

        Assert.Equal(Enumerable.Range(8, 50).Select(n => (long)n), taken.Order());
    }

    [Fact]
    public void A_row_whose_maker_read_before_another_committed_does_not_take_its_number()
    {
        var numbers = new NumberAllocator();
        var first = numbers.Begin(Sequence);
        var second = numbers.Begin(Sequence);
        Assert.Equal(8, first.Take(storedMax: 7));
        first.Dispose(); // committed 8, but the second read the highest stored number (7) before that

        Assert.Equal(9, second.Take(storedMax: 7));
    }

    [Fact]
    public void Once_nobody_is_choosing_the_next_number_follows_the_database_again()
    {
        var numbers = new NumberAllocator();
        using (var opening = numbers.Begin(Sequence))
        {
            Assert.Equal(42, opening.Take(storedMax: 41));
        }

        // The incidents were deleted meanwhile (or the one above was rolled back): nothing is remembered.
        using var next = numbers.Begin(Sequence);
        Assert.Equal(1, next.Take(storedMax: 0));
    }

    [Fact]
    public void Each_sequence_counts_on_its_own()
    {
        var numbers = new NumberAllocator();
        using var incident = numbers.Begin(NumberAllocator.Incidents);
        using var triage = numbers.Begin("workflow:triage");
        using var phishing = numbers.Begin("workflow:phishing");
        using var triageAgain = numbers.Begin("workflow:triage");

        Assert.Equal(8, incident.Take(storedMax: 7));
        Assert.Equal(1, triage.Take(storedMax: 0));
        Assert.Equal(1, phishing.Take(storedMax: 0));
        Assert.Equal(2, triageAgain.Take(storedMax: 0));
    }
}
