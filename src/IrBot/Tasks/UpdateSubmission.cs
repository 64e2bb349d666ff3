using System.Globalization;
using System.Text;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Timeline;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary>Stores the synopsis as a timeline note and queues the channel post.</summary>
public sealed class UpdateSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work, TimeProvider time) : IViewSubmissionHandler
{
    public static string CallbackId => UpdateModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var synopsis = view.State?.Get(UpdateModal.SynopsisBlock, UpdateModal.Input)?.Value?.Trim() ?? string.Empty;
        var incident = int.TryParse(view.PrivateMetadata, CultureInfo.InvariantCulture, out var id)
            ? await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        string? error = synopsis.Length == 0 ? "Write the synopsis."
            : synopsis.Length > UpdateModal.MaxLength ? $"Keep the synopsis to {UpdateModal.MaxLength} characters."
            : incident is null || !incident.IsLive || incident.ChannelId is null ? "This incident is no longer open."
            : !await access.CanLeadAsync(incident, userId, cancellationToken) ? "Only the IR team or the incident commander can post a status update."
            : null;
        if (error is not null)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [UpdateModal.SynopsisBlock] = error });
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.TimelineNotes.Add(new TimelineNote
        {
            IncidentId = incident!.Id,
            AuthorId = userId,
            Text = synopsis,
            OccurredAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        });
        work.Add(db, PostUpdateWork.Kind, new PostUpdateRequest(userId, synopsis), incident.Id, requester: new WorkRequester(userId, $"posting your update to incident {incident.Number}"));
        await db.SaveChangesAsync(cancellationToken);
        return ViewSubmissionResult.Close;
    }
}
