namespace IrBot.Workflows.Triggers;

/// <summary>Whether a trigger fires on a message; a regex that ran out of time does not.</summary>
public enum MatchOutcome
{
    NoMatch,
    Match,
    TimedOut,
}
