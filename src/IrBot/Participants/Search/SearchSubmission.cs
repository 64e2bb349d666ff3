using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants.Search;

/// <summary>The modal's submit: queue the results (posting them is Slack work that must not hold the 3 s answer).</summary>
public sealed class SearchSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work) : IViewSubmissionHandler
{
    public static string CallbackId => SearchCommand.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var department = view.State?.Get(SearchCommand.BlockId, SearchCommand.ActionId)?.SelectedOption?.Value;
        if (string.IsNullOrEmpty(department))
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [SearchCommand.BlockId] = "Choose a department." });
        }

        var channel = view.PrivateMetadata ?? string.Empty;
        var incident = await db.LiveInChannelAsync(channel, cancellationToken);
        if (incident is null)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [SearchCommand.BlockId] = "This incident is no longer open." });
        }

        // A submission can be sent by anyone who has the view; check the submitter again.
        if (payload.User?.Id is not { } submitter || !await access.CanLeadAsync(incident, submitter, cancellationToken))
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [SearchCommand.BlockId] = SearchRules.Refusal });
        }

        work.Add(db, SearchResultsWork.Kind, new SearchResultsRequest(channel, payload.User!.Id, department), incident.Id, requester: new WorkRequester(payload.User!.Id, "showing your search results"));
        await db.SaveChangesAsync(cancellationToken);
        return ViewSubmissionResult.Close;
    }
}
