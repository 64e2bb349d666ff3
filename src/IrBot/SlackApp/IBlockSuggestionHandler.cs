using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>
/// Options for an external select, registered under its <see cref="ActionId"/>. Runs inside the request
/// (Slack shows the answer as the menu): keep it to a check and a lookup in memory, well within 3 s.
/// </summary>
public interface IBlockSuggestionHandler
{
    static abstract string ActionId { get; }

    /// <summary>At most 100 options matching <see cref="InteractionPayload.Value"/> (what was typed).</summary>
    Task<OptionsResponse> SuggestAsync(InteractionPayload payload, CancellationToken cancellationToken);
}
