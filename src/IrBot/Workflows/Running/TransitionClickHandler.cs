using System.Globalization;
using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>
/// A transition button of a workflow post: moves the instance to the target step (finish actions of the
/// current step first) with a conditional update on the step entry the post belongs to, so of two people
/// clicking at once exactly one moves it. The move and the job that runs it commit together; the post
/// notes who moved it on.
/// </summary>
public sealed class TransitionClickHandler(
    IrBotDbContext db, PostClick posts, WorkQueue work, ClickerReplies replies, TimeProvider time, ILogger<TransitionClickHandler> logger) : IBlockActionHandler
{
    public static string ActionId => WorkflowPostMessage.TransitionActionId;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        if (!WorkflowPostMessage.TryReadBlockId(action.BlockId, transition: true, out var runId, out var key) || payload.User?.Id is not { } user) return;
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return;
        if (await posts.FindAsync(runId, cancellationToken) is not { } target || index >= target.Post.Transitions.Count) return;
        var transition = target.Post.Transitions[index];
        var instance = target.Instance;
        var now = time.GetUtcNow().UtcDateTime;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var moved = await db.WorkflowInstances
                .Where(i => i.Id == instance.Id && i.StepEntry == target.Run.StepEntry && i.Phase == StepPhase.Start && i.Status == WorkflowInstanceStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Phase, StepPhase.Finish).SetProperty(i => i.NextStep, transition.To), cancellationToken);
            if (moved == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                await replies.TellAsync(payload, "This workflow has already moved on from this step.", cancellationToken);
                return;
            }

            await FieldClickHandler.Acknowledge(db, instance.Id, user, now, cancellationToken);
            target.Run.Note = $"<@{user}> chose *{SlackMentions.Escape(transition.Label)}* → step {transition.To}";
            work.Add(db, RunInstanceWork.Kind, new RunInstanceRequest(instance.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("workflow {Workflow} instance {Number}: {User} chose {Label} → {Step}", instance.WorkflowName, instance.Number, user, transition.Label, transition.To);
        await posts.RedrawAsync(target, cancellationToken);
    }
}
