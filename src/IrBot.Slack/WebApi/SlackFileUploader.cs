using System.Net.Http.Headers;

namespace IrBot.Slack.WebApi;

/// <summary>
/// The three steps of a Slack upload: files.getUploadURLExternal, the bytes POSTed to the returned URL
/// (no token: the URL is the authorisation), files.completeUploadExternal to share it.
/// </summary>
public sealed class SlackFileUploader(ISlackFilesApi files, HttpClient http)
{
    /// <summary>Uploads <paramref name="content"/> and shares it in <paramref name="channelId"/>; returns the file id.</summary>
    public async Task<string> UploadAsync(string channelId, string filename, string title, byte[] content, string? comment, CancellationToken cancellationToken = default)
    {
        var target = await files.GetUploadUrlExternalAsync(new GetUploadUrl { Filename = filename, Length = content.Length }, cancellationToken);
        if (target.UploadUrl is not { Length: > 0 } url || target.FileId is not { Length: > 0 } fileId)
        {
            throw new SlackApiException("files.getUploadURLExternal", "invalid_response");
        }

        using (var body = new ByteArrayContent(content))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.PostAsync(new Uri(url), body, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SlackApiException("file upload", $"http_{(int)response.StatusCode}");
            }
        }

        await files.CompleteUploadExternalAsync(
            new CompleteUpload { Files = UploadedFile.ToJson([new UploadedFile(fileId, title)]), ChannelId = channelId, InitialComment = comment },
            cancellationToken);
        return fileId;
    }
}
