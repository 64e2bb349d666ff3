namespace IrBot.Data;

/// <summary>
/// Hands out the next number of a sequence (highest stored + 1): incident numbers, and each workflow's instance
/// numbers. Rows made at the same time in this process never pick the same one. Before, each read the highest
/// number and relied on the unique index: at a few openings a second most of them collided, each loser's insert
/// waited for the winner's commit and was retried up to five times, so the openings held most of the database pool
/// and every other request waited for a connection (README, Performance).
/// </summary>
/// <remarks>
/// A number counts as taken from <see cref="Reservation.Take"/> until <see cref="Reservation.Dispose"/> (its
/// transaction committed or failed), and after that for as long as someone who read the highest stored number
/// before that commit may still be choosing. Once nobody is choosing in a sequence, nothing of it is remembered:
/// the next number is the highest stored + 1 again. Another instance can still pick the same number; the unique
/// index and the caller's retry settle that.
/// </remarks>
public sealed class NumberAllocator
{
    /// <summary>The sequence of incident numbers.</summary>
    public const string Incidents = "incidents";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Sequence> _sequences = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>Call before reading the highest stored number; then <see cref="Reservation.Take"/> with what was read.</summary>
    public Reservation Begin(string sequence)
    {
        lock (_gate)
        {
            if (!_sequences.TryGetValue(sequence, out var state))
            {
                state = new Sequence();
                _sequences[sequence] = state;
            }

            var ticket = ++_clock;
            state.Choosing[ticket] = null;
            return new Reservation(this, sequence, ticket);
        }
    }

    private long Take(string sequence, long ticket, long storedMax)
    {
        lock (_gate)
        {
            var state = _sequences[sequence];
            var highest = storedMax;
            foreach (var number in state.Choosing.Values)
            {
                highest = Math.Max(highest, number ?? 0);
            }

            foreach (var (number, _) in state.Ended)
            {
                highest = Math.Max(highest, number);
            }

            state.Choosing[ticket] = highest + 1;
            return highest + 1;
        }
    }

    private void End(string sequence, long ticket)
    {
        lock (_gate)
        {
            if (!_sequences.TryGetValue(sequence, out var state) || !state.Choosing.Remove(ticket, out var number))
            {
                return;
            }

            if (state.Choosing.Count == 0)
            {
                _sequences.Remove(sequence);
                return;
            }

            var now = ++_clock;
            if (number is { } taken)
            {
                state.Ended.Add((taken, now));
            }

            // An ended number matters only to those that began before it ended (they may have read the stored maximum without it).
            var oldest = state.Choosing.Keys.Min();
            state.Ended.RemoveAll(e => e.EndedAt < oldest);
        }
    }

    private sealed class Sequence
    {
        public Dictionary<long, long?> Choosing { get; } = []; // ticket → the number it took, once taken
        public List<(long Number, long EndedAt)> Ended { get; } = [];
    }

    /// <summary>One row's claim on a number; dispose once its transaction has committed or failed.</summary>
    public sealed class Reservation(NumberAllocator numbers, string sequence, long ticket) : IDisposable
    {
        /// <summary>The number to store: above <paramref name="storedMax"/> and above every number of the sequence in use by another.</summary>
        public long Take(long storedMax) => numbers.Take(sequence, ticket, storedMax);

        public void Dispose() => numbers.End(sequence, ticket);
    }
}
