using System.Net;
using System.Text.RegularExpressions;
using Refit;

namespace IrBot.Integrations.Confluence;

/// <summary>
/// Shows a page status the way the page's space allows, writing only when the page does not show it yet
/// (every write publishes a page version, and steps run again on resume):
/// <list type="number">
/// <item>the page's content state already has that name: nothing;</item>
/// <item>the space offers a state of that name (Confluence's default "In progress", or one its admins made): that state, by id;</item>
/// <item>else, when the space allows custom states: a custom state by name and colour;</item>
/// <item>else (states off, or no fitting state): a status line at the top of the page body, and a state of ours
/// that would now contradict it is cleared.</item>
/// </list>
/// </summary>
public static partial class ConfluencePageStatus
{
    /// <summary>The anchor that marks the status line, so it is found and replaced rather than added again.</summary>
    public const string Anchor = "irbot-status";

    public static async Task<PageStatusOutcome> SetAsync(
        IConfluenceApi confluence, string spaceKey, string pageId, PageStatus status, CancellationToken cancellationToken)
    {
        var current = (await confluence.GetContentStateAsync(pageId, cancellationToken)).ContentState;
        if (Same(current?.Name, status.Name))
        {
            return PageStatusOutcome.Unchanged;
        }

        var space = await RulesAsync(confluence, spaceKey, pageId, cancellationToken);
        if (space.StatesAllowed)
        {
            if (space.SpaceStates?.FirstOrDefault(s => s.Id is not null && Same(s.Name, status.Name)) is { } offered)
            {
                await confluence.SetContentStateAsync(pageId, new ContentState { Id = offered.Id }, cancellationToken);
                return PageStatusOutcome.SpaceState;
            }

            if (space.CustomAllowed)
            {
                try
                {
                    await confluence.SetContentStateAsync(pageId, new ContentState { Name = status.Name, Color = status.Color }, cancellationToken);
                    return PageStatusOutcome.CustomState;
                }
                catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
                {
                    // The page's available states could not tell us custom ones are off (its lists may be empty,
                    // not null); Confluence refused, so the status line says it instead.
                }
            }
        }

        var changed = false;
        await ConfluencePages.UpdateAsync(
            confluence,
            pageId,
            body =>
            {
                var merged = WithStatusLine(body, status);
                changed = merged != body;
                return merged;
            },
            "IR Bot: status " + status.Name,
            cancellationToken);
        if (space.StatesAllowed && current is not null)
        {
            await confluence.RemoveContentStateAsync(pageId, cancellationToken);
            changed = true;
        }

        return changed ? PageStatusOutcome.StatusLine : PageStatusOutcome.Unchanged;
    }

    /// <summary>The body with one status line at the top saying <paramref name="status"/>; unchanged when it already does.</summary>
    public static string WithStatusLine(string body, PageStatus status)
    {
        var title = $"<ac:parameter ac:name=\"title\">{ConfluencePages.Escape(status.Name)}</ac:parameter>";
        var line =
            $"<p><ac:structured-macro ac:name=\"anchor\"><ac:parameter ac:name=\"\">{Anchor}</ac:parameter></ac:structured-macro>"
            + "<strong>Status:</strong> <ac:structured-macro ac:name=\"status\" ac:schema-version=\"1\">"
            + $"<ac:parameter ac:name=\"colour\">{status.Lozenge}</ac:parameter>{title}</ac:structured-macro></p>";
        var existing = StatusLine().Match(body);
        if (!existing.Success)
        {
            return line + body;
        }

        // Confluence rewrites what it stores (macro ids, local ids): compare what the line says, not its bytes.
        return existing.Value.Contains(title, StringComparison.Ordinal)
            ? body
            : body[..existing.Index] + line + body[(existing.Index + existing.Length)..];
    }

    private static async Task<SpaceRules> RulesAsync(IConfluenceApi confluence, string spaceKey, string pageId, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await confluence.GetContentStateSettingsAsync(spaceKey, cancellationToken);
            return new SpaceRules(
                settings.ContentStatesAllowed,
                settings.SpaceContentStatesAllowed ? settings.SpaceContentStates ?? [] : null,
                settings.CustomContentStatesAllowed);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            // The settings need space admin, which the bot's account seldom has; the page's available states
            // need only edit permission, and leave a kind of state out (null) when the space has it off.
            var available = await confluence.GetAvailableContentStatesAsync(pageId, cancellationToken);
            return new SpaceRules(
                available.SpaceContentStates is not null || available.CustomContentStates is not null,
                available.SpaceContentStates,
                available.CustomContentStates is not null);
        }
    }

    private static bool Same(string? a, string b) =>
        a is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private sealed record SpaceRules(bool StatesAllowed, IReadOnlyList<ContentState>? SpaceStates, bool CustomAllowed);

    // The paragraph holding our anchor, however Confluence has decorated its tags.
    [GeneratedRegex(@"<p\b[^>]*>(?:(?!</p>).)*?" + Anchor + @"(?:(?!</p>).)*?</p>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StatusLine();
}
