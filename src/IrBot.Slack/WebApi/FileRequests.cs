namespace IrBot.Slack.WebApi;

/// <summary>files.getUploadURLExternal form fields: both are required.</summary>
public sealed record GetUploadUrl
{
    public required string Filename { get; init; }

    /// <summary>The size in bytes of what will be sent to the upload URL.</summary>
    public required long Length { get; init; }
}

/// <summary>files.completeUploadExternal form fields.</summary>
public sealed record CompleteUpload
{
    /// <summary>A JSON array of <c>{"id","title"}</c> (see <see cref="UploadedFile.ToJson"/>).</summary>
    public required string Files { get; init; }

    /// <summary>Where to share the files (a DM's id works); without it the files stay private.</summary>
    public string? ChannelId { get; init; }

    public string? InitialComment { get; init; }
}

/// <summary>One file to complete.</summary>
public sealed record UploadedFile(string Id, string? Title)
{
    public static string ToJson(IEnumerable<UploadedFile> files) =>
        System.Text.Json.JsonSerializer.Serialize(files.Select(f => new { id = f.Id, title = f.Title }));
}
