using System.Net.Http.Headers;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows.Managing;

/// <summary>
/// Downloads an uploaded workflow file from its <c>url_private</c> with the bot token (scope <c>files:read</c>).
/// The token only goes to Slack's file host (or, in tests, the host of <c>Slack:ApiBaseUrl</c>).
/// </summary>
public sealed class WorkflowFileDownload(HttpClient http, IOptionsMonitor<SlackOptions> slack)
{
    public const string SlackFilesHost = "files.slack.com";

    /// <summary>The file's text, or why it could not be read (shown beside the field).</summary>
    public async Task<(string? Text, string? Error)> ReadAsync(SlackFile file, CancellationToken cancellationToken)
    {
        var url = file.UrlPrivateDownload ?? file.UrlPrivate;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsSlackFileHost(uri))
        {
            return (null, "Slack sent no usable link to the file; please upload it again.");
        }

        if (file.Size is > Parsing.WorkflowFileParser.MaxFileLength)
        {
            return (null, $"The file is larger than {Parsing.WorkflowFileParser.MaxFileLength / 1024} KiB.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", slack.CurrentValue.BotToken);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"Could not download the file from Slack (HTTP {(int)response.StatusCode}); check that IR Bot has the files:read scope.");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            // Slack answers a request it refuses with its sign-in page, not an error status.
            return text.TrimStart().StartsWith('<') ? (null, "Slack did not hand over the file (files:read scope missing?).") : (text, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, "Could not download the file from Slack in time; please submit again.");
        }
    }

    private bool IsSlackFileHost(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttps && uri.Host.Equals(SlackFilesHost, StringComparison.OrdinalIgnoreCase))
        || (Uri.TryCreate(slack.CurrentValue.ApiBaseUrl, UriKind.Absolute, out var api) && uri.Scheme == api.Scheme && uri.Authority == api.Authority);
}
