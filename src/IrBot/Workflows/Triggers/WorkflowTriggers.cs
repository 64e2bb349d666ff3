using System.Text.RegularExpressions;
using IrBot.Workflows.Definitions;

namespace IrBot.Workflows.Triggers;

/// <summary>Decides which workflows a channel message starts.</summary>
public static class WorkflowTriggers
{
    /// <summary>
    /// At most one match per workflow (its first trigger, in file order, that fires), so one message
    /// starts a workflow once however many of its triggers fit. A regex that times out does not match.
    /// </summary>
    public static TriggerScan Find(IEnumerable<WorkflowDefinition> workflows, TriggerMessage message)
    {
        var matches = new List<TriggerMatch>();
        var timedOut = new List<TriggerMatch>();
        foreach (var workflow in workflows)
        {
            foreach (var trigger in workflow.Triggers)
            {
                if (!Watches(trigger, message)) continue;
                var outcome = Matches(trigger, message.Text);
                if (outcome == MatchOutcome.TimedOut) timedOut.Add(new TriggerMatch(workflow, trigger));
                if (outcome != MatchOutcome.Match) continue;
                matches.Add(new TriggerMatch(workflow, trigger));
                break;
            }
        }
        return new TriggerScan(matches, timedOut);
    }

    /// <summary>Team and channel filters: a missing filter watches everything.</summary>
    public static bool Watches(TextTrigger trigger, TriggerMessage message)
    {
        if (trigger.TeamName is { } team && !message.TeamNames.Contains(team, StringComparer.OrdinalIgnoreCase)) return false;
        if (trigger.ChannelName is { } channel)
        {
            var wanted = SlackChannelNames.Normalize(channel);
            return wanted == message.ChannelId || wanted == SlackChannelNames.Normalize(message.ChannelName);
        }
        return true;
    }

    /// <summary><c>match</c> is a substring as typed; <c>match_regex</c> a search; either fires the trigger.</summary>
    public static MatchOutcome Matches(TextTrigger trigger, string text)
    {
        if (trigger.Match is { } match && text.Contains(match, StringComparison.Ordinal)) return MatchOutcome.Match;
        if (trigger.MatchRegex is not { } regex) return MatchOutcome.NoMatch;
        try
        {
            return regex.IsMatch(text) ? MatchOutcome.Match : MatchOutcome.NoMatch;
        }
        catch (RegexMatchTimeoutException)
        {
            return MatchOutcome.TimedOut;
        }
    }
}
