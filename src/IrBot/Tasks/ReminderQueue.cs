namespace IrBot.Tasks;

/// <summary>
/// The task ids due a reminder, one queue per owner, and the owners in turn: a sender takes an owner (no other sender
/// has them meanwhile, so one DM gets one message at a time) and puts them back at the end while they have more.
/// </summary>
internal sealed class ReminderQueue
{
    private readonly Dictionary<string, Turn> _byOwner = new(StringComparer.Ordinal);
    private readonly Queue<Turn> _turns = new();

    public sealed record Turn(string Owner, Queue<int> Tasks);

    public int Owners => _byOwner.Count;

    /// <summary>While it is being filled, before any sender runs.</summary>
    public void Add(string owner, int taskId)
    {
        if (!_byOwner.TryGetValue(owner, out var turn))
        {
            turn = new Turn(owner, new Queue<int>());
            _byOwner[owner] = turn;
            _turns.Enqueue(turn);
        }

        turn.Tasks.Enqueue(taskId);
    }

    public bool TryTake(out Turn turn)
    {
        lock (_turns)
        {
            return _turns.TryDequeue(out turn!);
        }
    }

    /// <summary>The owner's turn is over: to the back of the line if they have more.</summary>
    public void Return(Turn turn)
    {
        if (turn.Tasks.Count == 0)
        {
            return;
        }

        lock (_turns)
        {
            _turns.Enqueue(turn);
        }
    }
}
