namespace IrBot.Incidents;

/// <summary>
/// Hands out incident numbers (highest stored + 1) so that openings running at the same time in this process never
/// pick the same one. Before, each read the highest number and relied on the unique index: at a few openings a second
/// most of them collided, each loser's insert waited for the winner's commit and was retried up to five times, so the
/// openings held most of the database pool and every other request waited for a connection (README, Performance).
/// </summary>
/// <remarks>
/// A number counts as taken from <see cref="Take"/> until <see cref="Reservation.Dispose"/> (its transaction committed
/// or failed), and after that for as long as an opening that read the highest stored number before that commit may
/// still be choosing. Once nobody is choosing, nothing is remembered: the next number is the highest stored + 1 again.
/// Another instance can still pick the same number; the unique index and the retry settle that.
/// </remarks>
public sealed class IncidentNumbers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, int?> _choosing = []; // ticket → the number it took, once taken
    private readonly List<(int Number, long EndedAt)> _ended = [];
    private long _clock;

    /// <summary>Call before reading the highest stored number; then <see cref="Take"/> with what was read.</summary>
    public Reservation Begin()
    {
        lock (_gate)
        {
            var ticket = ++_clock;
            _choosing[ticket] = null;
            return new Reservation(this, ticket);
        }
    }

    private int Take(long ticket, int storedMax)
    {
        lock (_gate)
        {
            var highest = storedMax;
            foreach (var number in _choosing.Values)
            {
                highest = Math.Max(highest, number ?? 0);
            }

            foreach (var (number, _) in _ended)
            {
                highest = Math.Max(highest, number);
            }

            _choosing[ticket] = highest + 1;
            return highest + 1;
        }
    }

    private void End(long ticket)
    {
        lock (_gate)
        {
            if (!_choosing.Remove(ticket, out var number))
            {
                return;
            }

            var now = ++_clock;
            if (number is { } taken)
            {
                _ended.Add((taken, now));
            }

            // An ended number matters only to those that began before it ended (they may have read the stored maximum without it).
            var oldest = _choosing.Count == 0 ? long.MaxValue : _choosing.Keys.Min();
            _ended.RemoveAll(e => e.EndedAt < oldest);
        }
    }

    /// <summary>One opening's claim on a number; dispose once its transaction has committed or failed.</summary>
    public sealed class Reservation(IncidentNumbers numbers, long ticket) : IDisposable
    {
        /// <summary>The number to store: above <paramref name="storedMax"/> and above every number in use by another opening.</summary>
        public int Take(int storedMax) => numbers.Take(ticket, storedMax);

        public void Dispose() => numbers.End(ticket);
    }
}
