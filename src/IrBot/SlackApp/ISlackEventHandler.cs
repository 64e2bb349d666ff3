namespace IrBot.SlackApp;

/// <summary>Reacts to one inner event type (<c>member_joined_channel</c>, <c>channel_archive</c>, …), registered under it. Runs as durable work.</summary>
public interface ISlackEventHandler
{
    static abstract string EventType { get; }

    Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken);
}
