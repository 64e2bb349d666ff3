namespace IrBot.Slack.WebApi;

/// <summary>The answer of files.getUploadURLExternal.</summary>
public sealed record UploadUrlResponse : SlackResponse
{
    public string? UploadUrl { get; init; }
    public string? FileId { get; init; }
}

/// <summary>The answer of files.completeUploadExternal.</summary>
public sealed record CompleteUploadResponse : SlackResponse
{
    public IReadOnlyList<FileSummary>? Files { get; init; }
}

public sealed record FileSummary
{
    public required string Id { get; init; }
    public string? Title { get; init; }
}
