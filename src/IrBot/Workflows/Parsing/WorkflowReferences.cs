using IrBot.Workflows.Definitions;
using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Parsing;

/// <summary>
/// Checks every template variable of a structurally valid workflow against what has certainly happened
/// when the template is rendered, so no file that validates can meet an unknown value at run time.
/// <para>
/// "Earlier" means: on every path from the first step to this action, the named action has already run.
/// Paths follow the run-time order: a step's start actions in order; leaving a step (a
/// <c>transition_to</c> action, or a click on a transition of one of its start posts) runs its finish
/// actions, then the target step's start actions. A must-analysis over the step graph (intersection
/// over incoming edges, iterated to a fixed point) computes, per step, the actions run before it on
/// every path. A step no path reaches is an error: its references could not be checked and it never runs.
/// A post's field counts as available once the post has run; a value nobody chose yet renders empty.
/// </para>
/// </summary>
internal static class WorkflowReferences
{
    public static IEnumerable<string> Check(WorkflowDefinition workflow)
    {
        var errors = new List<string>();
        var actions = workflow.Steps.SelectMany(s => s.StartActions.Concat(s.FinishActions)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var before = RunBefore(workflow);
        var where = $"workflow {WorkflowNames.Quote(workflow.Name)}";

        foreach (var step in workflow.Steps)
        {
            var stepWhere = $"{where}, step {WorkflowNames.Quote(step.Name)}";
            if (before[step.Name] is not { } entry)
            {
                errors.Add($"{WorkflowFileParser.UnableToLoadSteps}: {stepWhere}: no transition leads to this step, so it never runs");
                continue;
            }
            var walk = Walk(step, entry);
            CheckList(step.StartActions, entry);
            CheckList(step.FinishActions, walk.FinishEntry);

            void CheckList(IReadOnlyList<WorkflowAction> list, HashSet<string> ran)
            {
                var seen = new HashSet<string>(ran, StringComparer.Ordinal);
                foreach (var action in list)
                {
                    foreach (var variable in action.Templates.SelectMany(t => t.Variables).Distinct())
                    {
                        if (Problem(variable, seen, workflow, actions) is { } problem)
                        {
                            errors.Add($"{WorkflowFileParser.UnableToLoadActions}: {stepWhere}, action {WorkflowNames.Quote(action.Name)}: {problem}");
                        }
                    }
                    seen.Add(action.Name);
                }
            }
        }
        return errors;
    }

    private static string? Problem(TemplateVariable variable, HashSet<string> ran, WorkflowDefinition workflow, Dictionary<string, WorkflowAction> actions)
    {
        var path = variable.Path;
        var shown = $"template variable {variable.Display}";
        switch (path[0])
        {
            case "Instance" when path.Count == 2 && path[1] == "Number":
                return null;
            case "Trigger" when path.Count == 3 && path[2] is "Message" or "User" or "ChannelName":
                return workflow.Triggers.Any(t => t.Name == path[1]) ? null : $"{shown} names no trigger of this workflow";
            case "Action" when path.Count == 3:
                var target = actions.GetValueOrDefault(path[1]);
                var notYet = $"(action {WorkflowNames.Quote(path[1])} has not always run before this point)";
                switch (target)
                {
                    case PostAction post when post.FindField(path[2]) is not null:
                        return ran.Contains(post.Name) ? null : $"{shown} names no earlier post action with a field {WorkflowNames.Quote(path[2])} {notYet}";
                    case CreateChannelAction or OpenIncidentAction when path[2] == "ChannelName":
                        return ran.Contains(target.Name) ? null : $"{shown} names no earlier create_channel action {notYet}";
                    case CreateChannelAction or OpenIncidentAction:
                        return $"unknown template variable {variable.Display}: a {target.Type} action has only .ChannelName";
                    case PostAction when path[2] != "ChannelName":
                        return $"{shown} names no field of post action {WorkflowNames.Quote(path[1])}";
                }
                return path[2] == "ChannelName"
                    ? $"{shown} names no earlier create_channel action"
                    : $"{shown} names no earlier post action with a field {WorkflowNames.Quote(path[2])}";
            default:
                return $"unknown template variable {variable.Display}: use .Instance.Number, .Trigger.<trigger>.Message/User/ChannelName, " +
                    ".Action.<create_channel>.ChannelName or .Action.<post>.<field>";
        }
    }

    /// <summary>Per step, the actions certainly run before its start actions; null for steps no path reaches.</summary>
    private static Dictionary<string, HashSet<string>?> RunBefore(WorkflowDefinition workflow)
    {
        var before = workflow.Steps.ToDictionary(s => s.Name, _ => (HashSet<string>?)null, StringComparer.Ordinal);
        before[workflow.FirstStep.Name] = new HashSet<string>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var step in workflow.Steps)
            {
                if (before[step.Name] is not { } entry) continue;
                foreach (var (to, ran) in Walk(step, entry).Exits)
                {
                    if (before[to] is not { } known)
                    {
                        before[to] = new HashSet<string>(ran, StringComparer.Ordinal);
                        changed = true;
                    }
                    else
                    {
                        var count = known.Count;
                        known.IntersectWith(ran);
                        changed |= known.Count != count;
                    }
                }
            }
        }
        while (changed);
        return before;
    }

    private sealed record StepWalk(HashSet<string> FinishEntry, List<(string To, HashSet<string> Ran)> Exits);

    /// <summary>
    /// Where a step can be left, and what has run by then (its finish actions included). What has run
    /// only grows along the start actions, so per target the first exit is the one that counts.
    /// </summary>
    private static StepWalk Walk(WorkflowStep step, HashSet<string> entry)
    {
        var seen = new HashSet<string>(entry, StringComparer.Ordinal);
        var exits = new List<(string To, HashSet<string> Ran)>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? finishEntry = null;
        void Exit(string to)
        {
            finishEntry ??= new HashSet<string>(seen, StringComparer.Ordinal);
            if (targets.Add(to)) exits.Add((to, new HashSet<string>(seen, StringComparer.Ordinal)));
        }
        foreach (var action in step.StartActions)
        {
            if (action is TransitionToAction transition)
            {
                Exit(transition.To);
                break;
            }
            seen.Add(action.Name);
            if (action is PostAction post)
            {
                foreach (var target in post.Transitions) Exit(target.To);
            }
            if (action is FinishedWorkflowAction) break;
        }
        // The first exit is where the least has run; finish actions must make do with that.
        finishEntry ??= seen;
        foreach (var (_, ran) in exits)
        {
            ran.UnionWith(step.FinishActions.Select(a => a.Name));
        }
        return new StepWalk(finishEntry, exits);
    }
}
