using System.Globalization;
using IrBot.Data;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// The archive modal's submit: validates (errors go back beside the fields), checks the person again, then
/// marks the incident Archiving and queues <see cref="ArchiveIncidentWork"/> in one transaction.
/// </summary>
public sealed class ArchiveModalSubmission(
    IrBotDbContext db, IncidentAccess access, WorkQueue work, ILogger<ArchiveModalSubmission> logger) : IViewSubmissionHandler
{
    public static string CallbackId => ArchiveModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var (request, errors) = Read(userId, view.State);
        if (errors.Count > 0)
        {
            return ViewSubmissionResult.WithErrors(errors);
        }

        var incident = int.TryParse(view.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        if (incident is null || !incident.IsLive)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string>
            {
                [ArchiveModal.SummaryBlock] = "This incident is already being archived or is closed.",
            });
        }

        if (!await access.CanLeadAsync(incident, userId, cancellationToken))
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [ArchiveModal.SummaryBlock] = ArchiveModal.Refusal });
        }

        try
        {
            // The status moves to Archiving only if it is still live (a conditional update), in the same
            // transaction as the work item: of two submits racing each other, exactly one archives.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Incidents
                .Where(LiveIncident.Rule)
                .Where(i => i.Id == incident.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.Status, IncidentStatus.Archiving)
                        .SetProperty(i => i.ResolutionStatus, request!.ResolutionStatus)
                        .SetProperty(i => i.ImpactStatus, request!.ImpactStatus)
                        .SetProperty(i => i.Summary, request!.Summary),
                    cancellationToken);
            if (claimed == 0)
            {
                return ViewSubmissionResult.WithErrors(new Dictionary<string, string>
                {
                    [ArchiveModal.SummaryBlock] = "This incident is already being archived or is closed.",
                });
            }

            work.Add(db, ArchiveIncidentWork.Kind, request!, incident.Id, requester: new WorkRequester(userId, $"the archive of incident {incident.Number}: {incident.Title}"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Could not queue the archive of incident {Number}", incident.Number);
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [ArchiveModal.SummaryBlock] = "Could not save; please submit again." });
        }

        logger.LogInformation("Incident {Number} archive requested by {UserId}", incident.Number, userId);
        return ViewSubmissionResult.Close;
    }

    /// <summary>The request, or field errors keyed by block id.</summary>
    public static (ArchiveIncidentRequest? Request, Dictionary<string, string> Errors) Read(string userId, ViewState? state)
    {
        var errors = new Dictionary<string, string>();
        var resolution = state?.Get(ArchiveModal.ResolutionBlock, ArchiveModal.InputAction)?.SelectedOption?.Value;
        if (!ArchiveModal.Resolutions.Any(r => r.Value == resolution))
        {
            errors[ArchiveModal.ResolutionBlock] = "Choose a resolution: true positive, false positive, indeterminate, duplicated or other.";
        }

        var impact = state?.Get(ArchiveModal.ImpactBlock, ArchiveModal.InputAction)?.SelectedOption?.Value;
        if (!ArchiveModal.Impacts.Any(r => r.Value == impact))
        {
            errors[ArchiveModal.ImpactBlock] = "Choose the impact: with impact, no impact or not applicable.";
        }

        var tagsText = state?.Get(ArchiveModal.TagsBlock, ArchiveModal.InputAction)?.Value ?? string.Empty;
        var tags = tagsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > ArchiveModal.MaxTags)
        {
            errors[ArchiveModal.TagsBlock] = $"At most {ArchiveModal.MaxTags} tags, please.";
        }
        else if (tags.FirstOrDefault(t => t.Length > ArchiveModal.MaxTagLength) is { } longTag)
        {
            errors[ArchiveModal.TagsBlock] = $"Tags are at most {ArchiveModal.MaxTagLength} characters; \"{longTag[..20]}…\" is longer.";
        }

        var summary = state?.Get(ArchiveModal.SummaryBlock, ArchiveModal.InputAction)?.Value?.Trim() ?? string.Empty;
        if (summary.Length == 0)
        {
            errors[ArchiveModal.SummaryBlock] = "Write a short summary: TheHive needs one to close the case.";
        }
        else if (summary.Length > ArchiveModal.MaxSummaryLength)
        {
            errors[ArchiveModal.SummaryBlock] = $"Keep the summary to {ArchiveModal.MaxSummaryLength} characters.";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ArchiveIncidentRequest(userId, resolution!, impact!, tags, summary), errors);
    }
}
