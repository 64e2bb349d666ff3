using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

public sealed class MuteSubmission(IrBotDbContext db, IncidentAccess access, ILogger<MuteSubmission> logger) : IViewSubmissionHandler
{
    public static string CallbackId => MuteModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var text = view.State?.Get(MuteModal.TaskBlock, MuteModal.Input)?.Value;
        var choice = view.State?.Get(MuteModal.ChoiceBlock, MuteModal.Input)?.SelectedOption?.Value;
        if (choice is not (MuteModal.Mute or MuteModal.Unmute))
        {
            return Error(MuteModal.ChoiceBlock, "Choose mute or unmute.");
        }

        var id = TaskIds.Parse(text);
        var task = id is null ? null : await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return Error(MuteModal.TaskBlock, $"There is no task {SlackMentions.Escape(text?.Trim() ?? string.Empty)}; task ids look like T-7.");
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == task.IncidentId, cancellationToken);
        if (!await access.CanLeadAsync(incident, userId, cancellationToken))
        {
            return Error(MuteModal.TaskBlock, $"Only the IR team or the commander of incident {incident.Number} can mute {task.ShortId}.");
        }

        if (task.Status == IncidentTaskStatus.Resolved)
        {
            return Error(MuteModal.TaskBlock, $"{task.ShortId} is resolved; it gets no reminders anyway.");
        }

        task.Muted = choice == MuteModal.Mute;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Task {ShortId} reminders {State} by {UserId}", task.ShortId, task.Muted ? "muted" : "unmuted", userId);
        return ViewSubmissionResult.Close;
    }

    private static ViewSubmissionResult Error(string block, string message) =>
        ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [block] = message });
}
