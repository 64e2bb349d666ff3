using IrBot.Incidents;
using System.Globalization;
using IrBot.Data;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary>
/// The buttons of the task DM. Each finds the task by the button's value, lets only the owner or the
/// IR team act, and says so when the task has moved on (a click on an old DM or a reminder).
/// </summary>
public abstract class TaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies)
{
    protected IrBotDbContext Db => db;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var task = int.TryParse(action.Value, CultureInfo.InvariantCulture, out var id)
            ? await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : null;
        if (task is null)
        {
            await TellAsync(payload, "That task no longer exists.", cancellationToken);
            return;
        }

        if (!await access.CanActOnTaskAsync(task, userId, cancellationToken))
        {
            await TellAsync(payload, $":no_entry: Only {SlackMentions.User(task.OwnerId)} (the owner) or the IR team can act on {task.ShortId}.", cancellationToken);
            return;
        }

        if (task.Status == IncidentTaskStatus.Resolved)
        {
            await TellAsync(payload, $"{task.ShortId} has already been resolved; there is nothing more to do on it.", cancellationToken);
            return;
        }

        await ActAsync(payload, task, userId, cancellationToken);
    }

    protected abstract Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken);

    /// <summary>An ephemeral answer to the clicker where they clicked.</summary>
    protected Task TellAsync(InteractionPayload payload, string text, CancellationToken cancellationToken) =>
        replies.TellAsync(payload, text, cancellationToken);

    protected Task OpenModalAsync(InteractionPayload payload, ModalView view, CancellationToken cancellationToken) =>
        payload.TriggerId is { } trigger
            ? views.OpenAsync(new OpenView { TriggerId = trigger, View = view }, cancellationToken)
            : TellAsync(payload, "Slack did not send what is needed to open the form; please click again.", cancellationToken);
}
