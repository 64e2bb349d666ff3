using IrBot.Admin;
using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using IrBot.Workflows.Definitions;
using IrBot.Workflows.Sets;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>
/// Runs an instance as far as it goes: the current step's start actions in order; a <c>transition_to</c> (or
/// a transition click, which sets the phase to Finish) runs the step's finish actions, then enters the target
/// step. It stops when a step waits for a click, or the instance finishes or fails.
/// <para>
/// Every action is claimed (a row unique per instance, step entry, phase and action) before it runs and
/// marked done after, so it runs at most once: a second job for the same instance (a click while this one
/// runs) stops at the first claim it does not hold, and this job's own retry after a crash resumes the
/// action it had claimed, checking Slack first (see <see cref="WorkflowActions"/>).
/// Step moves are conditional updates on the step entry and phase, so two movers move once.
/// </para>
/// </summary>
public sealed class RunInstanceWork(
    WorkflowCatalog catalog,
    WorkflowActions actions,
    ISlackChatApi chat,
    AdminChannel admin,
    TimeProvider time,
    ILogger<RunInstanceWork> logger) : IWorkHandler
{
    /// <summary>Step entries one run may make: a transition_to loop must not spin for ever.</summary>
    public const int MaxStepsPerRun = 100;

    public static string Kind => "workflows.run-instance";

    public static IReadOnlyList<string> FormerKinds => [];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var request = context.Payload<RunInstanceRequest>();
        var set = await catalog.VersionAsync(db, (await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Id == request.InstanceId).Select(i => i.SetVersionId).SingleAsync(cancellationToken)), cancellationToken);
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == request.InstanceId, cancellationToken);
        for (var moves = 0; moves < MaxStepsPerRun; moves++)
        {
            // Clicks move the instance with conditional updates: read what they did.
            await db.Entry(instance).ReloadAsync(cancellationToken);
            if (instance.Status != WorkflowInstanceStatus.Running) return WorkResult.Done;
            var workflow = set.Find(instance.WorkflowName)
                ?? throw new InvalidOperationException($"workflow {instance.WorkflowName} is not in set version {set.VersionId}");
            var step = workflow.FindStep(instance.CurrentStep)
                ?? throw new InvalidOperationException($"workflow {instance.WorkflowName} has no step {instance.CurrentStep}");

            var outcome = await RunPhaseAsync(context, instance, step, cancellationToken);
            switch (outcome)
            {
                case PhaseEnd.Stop:
                    return WorkResult.Done;
                case PhaseEnd.WaitALittle:
                    return WorkResult.Later(TimeSpan.FromSeconds(2), "waiting for an incident's channel");
                case PhaseEnd.Moved:
                    continue;
                case PhaseEnd.Completed when instance.Phase == StepPhase.Finish:
                    await EnterNextStepAsync(db, instance, cancellationToken);
                    continue;
                case PhaseEnd.Completed:
                    if (!HasWayOut(step))
                    {
                        // Nothing can move it on: the instance is over.
                        await EndAsync(db, instance, WorkflowInstanceStatus.Finished, null, cancellationToken);
                    }

                    return WorkResult.Done;
            }
        }

        await FailAsync(db, instance, $"more than {MaxStepsPerRun} steps in a row without waiting for anyone (a transition_to loop?)", cancellationToken);
        return WorkResult.Done;
    }

    private enum PhaseEnd
    {
        Completed,
        Moved,
        Stop,
        WaitALittle,
    }

    private async Task<PhaseEnd> RunPhaseAsync(WorkContext context, WorkflowInstance instance, WorkflowStep step, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var (entry, phase) = (instance.StepEntry, instance.Phase);
        var list = phase == StepPhase.Start ? step.StartActions : step.FinishActions;
        foreach (var action in list)
        {
            var run = await db.WorkflowActionRuns.SingleOrDefaultAsync(
                r => r.InstanceId == instance.Id && r.StepEntry == entry && r.Phase == phase && r.Action == action.Name, cancellationToken);
            if (run?.DoneAt is not null) continue;
            var resumed = run is not null;
            if (run is null)
            {
                run = new WorkflowActionRun
                {
                    InstanceId = instance.Id, StepEntry = entry, Phase = phase, Step = step.Name, Action = action.Name,
                    ClaimedBy = context.Item.Id, ClaimedAt = time.GetUtcNow().UtcDateTime,
                };
                db.WorkflowActionRuns.Add(run);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another job of this instance claimed it first; that job carries on.
                    return PhaseEnd.Stop;
                }
            }
            else if (run.ClaimedBy != context.Item.Id)
            {
                if (await db.WorkItems.AnyAsync(w => w.Id == run.ClaimedBy && w.Status == WorkStatus.Pending, cancellationToken))
                {
                    return PhaseEnd.Stop;
                }

                // Its claimant gave up (failed for good): this job takes the action over.
                run.ClaimedBy = context.Item.Id;
                await db.SaveChangesAsync(cancellationToken);
            }

            switch (action)
            {
                case TransitionToAction transition:
                    run.DoneAt = time.GetUtcNow().UtcDateTime;
                    await db.SaveChangesAsync(cancellationToken);
                    if (phase == StepPhase.Start)
                    {
                        await LeaveStepAsync(db, instance, transition.To, cancellationToken);
                        return PhaseEnd.Moved;
                    }

                    continue; // a transition_to among finish actions: the step is being left already
                case FinishedWorkflowAction:
                    run.DoneAt = time.GetUtcNow().UtcDateTime;
                    await db.SaveChangesAsync(cancellationToken);
                    await EndAsync(db, instance, WorkflowInstanceStatus.Finished, null, cancellationToken);
                    return PhaseEnd.Stop;
            }

            var outcome = await actions.RunAsync(instance, action, run, resumed, cancellationToken);
            if (outcome.FailureReason is { } reason)
            {
                await FailAsync(db, instance, reason, cancellationToken);
                return PhaseEnd.Stop;
            }

            if (outcome.WaitFor is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return PhaseEnd.WaitALittle;
            }

            run.DoneAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("workflow {Workflow} instance {Number}: {Step} {Phase} action {Action} done", instance.WorkflowName, instance.Number, step.Name, phase, action.Name);

            // A click may have moved the instance on meanwhile: follow it rather than finish a step it left.
            var now = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instance.Id).Select(i => new { i.StepEntry, i.Phase, i.Status }).SingleAsync(cancellationToken);
            if (now.StepEntry != entry || now.Phase != phase || now.Status != WorkflowInstanceStatus.Running) return PhaseEnd.Moved;
        }

        return PhaseEnd.Completed;
    }

    /// <summary>Start → Finish towards <paramref name="to"/>, if nobody moved it first.</summary>
    public static Task<int> LeaveStepAsync(IrBotDbContext db, WorkflowInstance instance, string to, CancellationToken cancellationToken) =>
        db.WorkflowInstances
            .Where(i => i.Id == instance.Id && i.StepEntry == instance.StepEntry && i.Phase == StepPhase.Start && i.Status == WorkflowInstanceStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Phase, StepPhase.Finish).SetProperty(i => i.NextStep, to), cancellationToken);

    private static Task<int> EnterNextStepAsync(IrBotDbContext db, WorkflowInstance instance, CancellationToken cancellationToken) =>
        db.WorkflowInstances
            .Where(i => i.Id == instance.Id && i.StepEntry == instance.StepEntry && i.Phase == StepPhase.Finish && i.Status == WorkflowInstanceStatus.Running)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.CurrentStep, instance.NextStep!)
                    .SetProperty(i => i.StepEntry, instance.StepEntry + 1)
                    .SetProperty(i => i.Phase, StepPhase.Start)
                    .SetProperty(i => i.NextStep, (string?)null),
                cancellationToken);

    private static bool HasWayOut(WorkflowStep step) =>
        step.StartActions.Any(a => a is TransitionToAction or PostAction { Transitions.Count: > 0 });

    private async Task EndAsync(IrBotDbContext db, WorkflowInstance instance, WorkflowInstanceStatus status, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        instance.Status = status;
        instance.FailureReason = reason;
        instance.EndedAt = now;
        if (status == WorkflowInstanceStatus.Finished) instance.ResolvedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("workflow {Workflow} instance {Number}: {Status}", instance.WorkflowName, instance.Number, status);
    }

    /// <summary>Fails the instance; the trigger message gets a threaded reply and the admin channel is told.</summary>
    private async Task FailAsync(IrBotDbContext db, WorkflowInstance instance, string reason, CancellationToken cancellationToken)
    {
        await EndAsync(db, instance, WorkflowInstanceStatus.Failed, reason.Length > 1000 ? reason[..1000] : reason, cancellationToken);
        logger.LogWarning("workflow {Workflow} instance {Number} failed: {Reason}", instance.WorkflowName, instance.Number, reason);
        var text = $":x: Workflow *{SlackMentions.Escape(instance.WorkflowName)}* (instance {instance.Number}) failed: {SlackMentions.Escape(reason)}";
        try
        {
            await chat.PostMessageAsync(new ChatMessage { Channel = instance.TriggerChannelId, ThreadTs = instance.TriggerTs, Text = text }, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not reply to the trigger message of workflow {Workflow}: {Error}", instance.WorkflowName, ex.Message);
        }

        try
        {
            await admin.PostAsync($"{text}\nTriggered in <#{instance.TriggerChannelId}> by <@{instance.TriggerUserId}>.", cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not tell the admin channel: {Error}", ex.Message);
        }
    }
}
