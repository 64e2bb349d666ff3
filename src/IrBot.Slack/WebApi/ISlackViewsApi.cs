using IrBot.Slack.BlockKit;
using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>Slack's <c>views.*</c> methods (JSON bodies). Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.</summary>
public interface ISlackViewsApi
{
    /// <summary>
    /// Opens a modal; the trigger id expires 3 seconds after the click or command.
    /// <see href="https://api.slack.com/methods/views.open">views.open</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/views.open")]
    Task<SlackResponse> OpenAsync([Body] OpenView request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Shows a Home tab view to one user (replacing what they saw); needs no trigger.
    /// <see href="https://api.slack.com/methods/views.publish">views.publish</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/views.publish")]
    Task<SlackResponse> PublishAsync([Body] PublishView request, CancellationToken cancellationToken = default);
}

/// <summary>views.open body.</summary>
public sealed record OpenView
{
    public required string TriggerId { get; init; }
    public required ModalView View { get; init; }
}

/// <summary>views.publish body.</summary>
public sealed record PublishView
{
    public required string UserId { get; init; }
    public required HomeView View { get; init; }
}
