using IrBot.SlackApp;

namespace IrBot.AppHome;

/// <summary><c>app_home_opened</c>: publishes a fresh Home tab (Slack sends it for the Messages tab too; that one is left alone).</summary>
public sealed class AppHomeOpenedHandler(HomePublisher publisher) : ISlackEventHandler
{
    public static string EventType => "app_home_opened";

    public async Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken)
    {
        var tab = context.Raw.TryGetProperty("tab", out var t) ? t.GetString() : null;
        if (tab is not (null or "home") || context.Event.User is not { Length: > 0 } userId)
        {
            return;
        }

        await publisher.OpenedAsync(userId, cancellationToken);
    }
}
