namespace IrBot.Tasks;

/// <summary>
/// The task ids due a reminder, one queue per owner, and whose turn it is: a sender takes an owner (no other sender has
/// them meanwhile, so a DM gets one message at a time) and puts them back while they have more. The owner with the most
/// left goes first: Slack takes about one message a second per DM, so the busiest DM sets the least time the period can
/// take, and it should never wait for a sender while quieter DMs are served.
/// </summary>
internal sealed class ReminderQueue
{
    private readonly Dictionary<string, Turn> _byOwner = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Turn, (int Left, int Order)> _turns = new();

    public sealed record Turn(string Owner, int Order, Queue<int> Tasks);

    public int Owners => _byOwner.Count;

    /// <summary>While it is being filled, before any sender runs.</summary>
    public void Add(string owner, int taskId)
    {
        if (!_byOwner.TryGetValue(owner, out var turn))
        {
            turn = new Turn(owner, _byOwner.Count, new Queue<int>());
            _byOwner[owner] = turn;
        }

        turn.Tasks.Enqueue(taskId);
    }

    /// <summary>Once filled: every owner in line.</summary>
    public ReminderQueue Ready()
    {
        foreach (var turn in _byOwner.Values)
        {
            Return(turn);
        }

        return this;
    }

    public bool TryTake(out Turn turn)
    {
        lock (_turns)
        {
            return _turns.TryDequeue(out turn!, out _);
        }
    }

    /// <summary>The owner's turn is over: back in line if they have more.</summary>
    public void Return(Turn turn)
    {
        if (turn.Tasks.Count == 0)
        {
            return;
        }

        lock (_turns)
        {
            _turns.Enqueue(turn, (-turn.Tasks.Count, turn.Order));
        }
    }
}
