using IrBot.Data;
using IrBot.Incidents;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;

namespace IrBot.Participants.Search;

/// <summary>
/// The search modal's department menu: Slack sends what was typed (block_suggestion) and shows the departments
/// we answer. Only someone who may search in the modal's incident gets any; the directory is in memory, and a
/// directory still loading answers nothing rather than keeping Slack past its 3 s.
/// </summary>
public sealed class DepartmentSuggestions(IrBotDbContext db, IncidentAccess access, DepartmentDirectory directory) : IBlockSuggestionHandler
{
    public static string ActionId => SearchCommand.ActionId;

    public async Task<OptionsResponse> SuggestAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var incident = await db.LiveInChannelAsync(payload.View?.PrivateMetadata ?? string.Empty, cancellationToken);
        if (incident is null || payload.User?.Id is not { } user || !await access.CanLeadAsync(incident, user, cancellationToken))
        {
            return OptionsResponse.None;
        }

        var departments = await directory.DepartmentsAsync(TimeSpan.FromSeconds(2), cancellationToken);
        return new OptionsResponse { Options = SearchCommand.Matching(departments?.Keys ?? [], payload.Value) };
    }
}
