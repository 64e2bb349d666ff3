using System.Net;
using System.Text.RegularExpressions;
using Refit;

namespace IrBot.Integrations.Confluence;

/// <summary>Page helpers shared by the incident steps: optimistic-locking updates and template bodies.</summary>
public static partial class ConfluencePages
{
    public const int MaxConflictRetries = 3;

    /// <summary>
    /// GET → merge → PUT with version+1. On 409 (someone edited the page meanwhile) start again from a fresh
    /// read, at most <see cref="MaxConflictRetries"/> times; the old body is never replayed. <paramref name="merge"/>
    /// returns null when the page already says what it should (nothing to write).
    /// </summary>
    public static async Task UpdateAsync(
        IConfluenceApi confluence, string pageId, Func<ConfluencePage, string?> merge, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await confluence.GetPageAsync(pageId, cancellationToken);
            var body = merge(page);
            if (body is null)
            {
                return;
            }

            try
            {
                await confluence.UpdatePageAsync(
                    pageId,
                    new UpdatePageRequest
                    {
                        Id = pageId,
                        Title = page.Title ?? string.Empty,
                        Body = new StorageBody { Value = body },
                        Version = new PageVersion { Number = (page.Version?.Number ?? 1) + 1, Message = "IR Bot" },
                    },
                    cancellationToken);
                return;
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && attempt < MaxConflictRetries)
            {
            }
        }
    }

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
