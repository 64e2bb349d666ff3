using IrBot.Data;
using IrBot.Slack.WebApi;
using IrBot.Workflows.Definitions;
using IrBot.Workflows.Sets;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>What a click on a workflow post refers to, and redrawing that post with the values chosen so far.</summary>
public sealed class PostClick(IrBotDbContext db, WorkflowCatalog catalog, ISlackChatApi chat, PostRedrawLocks locks, ILogger<PostClick> logger)
{
    public sealed record Target(WorkflowActionRun Run, WorkflowInstance Instance, PostAction Post);

    public async Task<Target?> FindAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowActionRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return null;
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == run.InstanceId, cancellationToken);
        var set = await catalog.VersionAsync(db, instance.SetVersionId, cancellationToken);
        return set.Find(instance.WorkflowName)?.FindAction(run.Action) is PostAction post ? new Target(run, instance, post) : null;
    }

    /// <summary>
    /// chat.update of the post with the values and note as stored now. Clicks run side by side: one redraw of a
    /// post at a time, each reading what is stored when it starts, so the last redraw shows every choice.
    /// </summary>
    public async Task RedrawAsync(Target target, CancellationToken cancellationToken)
    {
        var run = target.Run;
        if (run.ChannelId is null || run.MessageTs is null) return;
        using var held = await locks.HoldAsync(run.Id, cancellationToken);
        var values = await db.WorkflowValues.AsNoTracking().Where(v => v.InstanceId == run.InstanceId).ToListAsync(cancellationToken);
        var note = await db.WorkflowActionRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(r => r.Note).SingleAsync(cancellationToken);
        var text = run.Text ?? string.Empty;
        try
        {
            await chat.UpdateAsync(
                new ChatMessage
                {
                    Channel = run.ChannelId,
                    Ts = run.MessageTs,
                    Text = text.Length == 0 ? target.Post.Name : text,
                    Blocks = WorkflowPostMessage.Blocks(target.Post, run.Id, text, values, note),
                },
                cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not update workflow post {Action}: {Error}", target.Post.Name, ex.Error);
        }
    }
}
