using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Slack's external file upload (the only upload since files.upload was retired): ask for an upload URL,
/// send the bytes there (<see cref="SlackFileUploader"/>), then complete to share the file. Failures
/// (<c>ok:false</c>) throw <see cref="SlackApiException"/>.
/// </summary>
public interface ISlackFilesApi
{
    /// <summary>
    /// A URL to send the file's bytes to and the id of the file to be.
    /// <see href="https://api.slack.com/methods/files.getUploadURLExternal">files.getUploadURLExternal</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/files.getUploadURLExternal")]
    Task<UploadUrlResponse> GetUploadUrlExternalAsync([Body(BodySerializationMethod.UrlEncoded)] GetUploadUrl request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finishes uploads started with files.getUploadURLExternal and shares them in a channel or DM.
    /// <see href="https://api.slack.com/methods/files.completeUploadExternal">files.completeUploadExternal</see>; rate limit: Tier 4.
    /// </summary>
    [Post("/files.completeUploadExternal")]
    Task<CompleteUploadResponse> CompleteUploadExternalAsync([Body(BodySerializationMethod.UrlEncoded)] CompleteUpload request, CancellationToken cancellationToken = default);
}
