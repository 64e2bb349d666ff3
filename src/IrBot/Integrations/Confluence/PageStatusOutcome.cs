namespace IrBot.Integrations.Confluence;

/// <summary>How <see cref="ConfluencePageStatus.SetAsync"/> showed the status.</summary>
public enum PageStatusOutcome
{
    /// <summary>The page already showed it: nothing written.</summary>
    Unchanged,
    SpaceState,
    CustomState,
    StatusLine,
}
