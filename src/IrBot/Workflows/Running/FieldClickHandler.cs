using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>
/// A field of a workflow post: a button records who clicked it as the value, a select the option chosen.
/// Anyone who sees the post may choose; the post is redrawn with the value and who chose it. The first
/// click on an instance's post acknowledges the instance (for MTTA).
/// </summary>
public sealed class FieldClickHandler(IrBotDbContext db, PostClick posts, ClickerReplies replies, TimeProvider time, ILogger<FieldClickHandler> logger) : IBlockActionHandler
{
    public static string ActionId => WorkflowPostMessage.FieldActionId;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        if (!WorkflowPostMessage.TryReadBlockId(action.BlockId, transition: false, out var runId, out var fieldName) || payload.User?.Id is not { } user) return;
        if (await posts.FindAsync(runId, cancellationToken) is not { } target || target.Post.FindField(fieldName) is not { } field) return;
        if (target.Instance.Status != WorkflowInstanceStatus.Running)
        {
            await replies.TellAsync(payload, "This workflow has ended; its fields can no longer change.", cancellationToken);
            return;
        }

        var value = field.Type == PostFieldType.Button ? $"<@{user}>" : action.SelectedOption?.Value;
        if (value is null || (field.Type == PostFieldType.Options && !field.Options.Contains(value))) return;
        var now = time.GetUtcNow().UtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InstanceValues.SetAsync(db, target.Instance.Id, target.Post.Name, field.Name, value, user, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two people chose at once: the later write wins, as in the post.
                db.ChangeTracker.Clear();
            }
        }

        await Acknowledge(db, target.Instance.Id, user, now, cancellationToken);
        logger.LogInformation("workflow {Workflow} instance {Number}: {Field} of {Post} set by {User}", target.Instance.WorkflowName, target.Instance.Number, field.Name, target.Post.Name, user);
        await posts.RedrawAsync(target, cancellationToken);
    }

    /// <summary>The first click on any of the instance's posts is its acknowledgement.</summary>
    public static Task<int> Acknowledge(IrBotDbContext db, long instanceId, string user, DateTime at, CancellationToken cancellationToken) =>
        db.WorkflowInstances.Where(i => i.Id == instanceId && i.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcknowledgedAt, at).SetProperty(i => i.AcknowledgedBy, user), cancellationToken);
}
