using System.Net;
using System.Text.RegularExpressions;
using IrBot.Telemetry;
using Refit;

namespace IrBot.Integrations.Confluence;

/// <summary>Page helpers shared by the incident steps: optimistic-locking updates and template bodies.</summary>
public static partial class ConfluencePages
{
    public const int MaxConflictRetries = 3;

    /// <summary>
    /// The one read-merge-write of a page: GET → merge → PUT with version+1. On 409 (someone edited the page
    /// meanwhile) start again from a fresh read, at most <see cref="MaxConflictRetries"/> times; the old body is
    /// never replayed. When <paramref name="merge"/> returns the body unchanged nothing is written. Returns the
    /// page as it now is.
    /// </summary>
    public static async Task<ConfluencePage> UpdateAsync(
        IConfluenceApi confluence, string pageId, Func<string, string> merge, string versionMessage, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            // A span per step, so a trace (and the publish benchmark) shows where a large page's time goes.
            ConfluencePage page;
            using (IrBotTelemetry.Source.StartActivity("confluence get page"))
            {
                page = await confluence.GetPageAsync(pageId, cancellationToken);
            }

            var body = page.Body?.Storage?.Value ?? string.Empty;
            string merged;
            using (IrBotTelemetry.Source.StartActivity("confluence merge"))
            {
                merged = merge(body);
            }

            if (merged == body)
            {
                return page;
            }

            try
            {
                using var put = IrBotTelemetry.Source.StartActivity("confluence put page");
                return await confluence.UpdatePageAsync(
                    pageId,
                    new UpdatePageRequest
                    {
                        Id = pageId,
                        Status = page.Status ?? "current",
                        Title = page.Title ?? string.Empty,
                        Body = new StorageBody { Value = merged },
                        Version = new PageVersion { Number = (page.Version?.Number ?? 1) + 1, Message = versionMessage },
                    },
                    cancellationToken);
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && attempt < MaxConflictRetries)
            {
            }
        }
    }

    /// <summary>
    /// Adds a section to the page once: nothing is written when the page already holds <paramref name="marker"/>
    /// (a link, an anchor) that only that section carries.
    /// </summary>
    public static Task AddSectionOnceAsync(
        IConfluenceApi confluence, string pageId, string marker, string section, SectionPlace place, CancellationToken cancellationToken) =>
        UpdateAsync(
            confluence,
            pageId,
            body => body.Contains(marker, StringComparison.Ordinal) ? body
                : place == SectionPlace.Top ? section + body
                : body + section,
            "IR Bot",
            cancellationToken);

    /// <summary>
    /// A template body made ready for a page: template variable declarations removed and every
    /// <c>&lt;at:var at:name="x"/&gt;</c> replaced by the escaped value we know for it (empty if none).
    /// </summary>
    public static string FromTemplate(string storage, IReadOnlyDictionary<string, string> values)
    {
        var body = Declarations().Replace(storage, string.Empty);
        return Variable().Replace(body, m =>
            values.TryGetValue(m.Groups["name"].Value, out var value) ? Escape(value) : string.Empty);
    }

    /// <summary>Escapes text for storage format (XHTML): <c>&amp; &lt; &gt; "</c>.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex(@"<at:declarations>.*?</at:declarations>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Declarations();

    // Self-closing or with content: <at:var at:name="x"/> or <at:var at:name="x">…</at:var>.
    [GeneratedRegex(@"<at:var\s+at:name=""(?<name>[^""]*)""[^>]*?(/>|>.*?</at:var>)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
