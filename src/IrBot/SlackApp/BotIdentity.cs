using IrBot.Slack.WebApi;
using IrBot.Integrations;

namespace IrBot.SlackApp;

/// <summary>The bot's own Slack user id (from auth.test, asked once), to ignore our own messages and invites.</summary>
public sealed class BotIdentity(IServiceScopeFactory scopes, ILogger<BotIdentity> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _userId;

    public void Dispose() => _gate.Dispose();

    public async Task<string?> UserIdAsync(CancellationToken cancellationToken)
    {
        if (_userId is not null)
        {
            return _userId;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_userId is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var auth = scope.ServiceProvider.GetRequiredService<ISlackAuthApi>();
                try
                {
                    _userId = (await auth.TestAsync(cancellationToken)).UserId;
                }
                catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
                {
                    logger.LogWarning("auth.test failed: {Error}", ex.Message);
                }
            }

            return _userId;
        }
        finally
        {
            _gate.Release();
        }
    }
}
