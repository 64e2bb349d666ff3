using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Workflows.Parsing;
using IrBot.Workflows.Sets;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows.Managing;

/// <summary>
/// The upload modal's submit: checks the person again, reads the file (downloaded with the bot token) or the
/// pasted text, validates it, and either makes it the active set (announced in the admin channel) or shows
/// every error beside the field.
/// </summary>
public sealed class WorkflowEditSubmission(
    IrBotDbContext db,
    WorkflowAdmins admins,
    WorkflowCatalog catalog,
    WorkflowFileDownload download,
    WorkflowAnnouncements announcements,
    IOptionsMonitor<WorkflowsOptions> options,
    ILogger<WorkflowEditSubmission> logger) : IViewSubmissionHandler
{
    /// <summary>Slack shows an error under the field; keep it readable.</summary>
    public const int MaxErrorLength = 1900;

    public static string CallbackId => WorkflowEditModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        if (options.CurrentValue.File is { Length: > 0 } file)
        {
            return Error(WorkflowEditModal.FileBlock, WorkflowCommand.FileRefusal(file));
        }

        if (!await admins.IsAllowedAsync(userId, cancellationToken))
        {
            return Error(WorkflowEditModal.FileBlock, WorkflowAdmins.Refusal);
        }

        var files = view.State?.Get(WorkflowEditModal.FileBlock, WorkflowEditModal.InputAction)?.Files ?? [];
        var pasted = view.State?.Get(WorkflowEditModal.TextBlock, WorkflowEditModal.InputAction)?.Value;
        string json;
        string block;
        if (files.Count > 0)
        {
            block = WorkflowEditModal.FileBlock;
            var (text, error) = await download.ReadAsync(files[0], cancellationToken);
            if (text is null) return Error(block, error!);
            json = text;
        }
        else if (!string.IsNullOrWhiteSpace(pasted))
        {
            block = WorkflowEditModal.TextBlock;
            json = pasted;
        }
        else
        {
            return Error(WorkflowEditModal.FileBlock, "Choose a .json file, or paste the workflows in the text box.");
        }

        var result = WorkflowFileParser.Parse(json);
        if (!result.IsValid)
        {
            logger.LogInformation("workflow upload by {User} refused: {Count} errors", userId, result.Errors.Count);
            return Error(block, Describe(result.Errors));
        }

        var version = await catalog.ReplaceAsync(db, json, userId, "upload", cancellationToken);
        await announcements.AnnounceAsync(version, "uploaded", cancellationToken);
        return ViewSubmissionResult.Close;
    }

    /// <summary>Every error on its own line, as many as fit.</summary>
    public static string Describe(IReadOnlyList<string> errors)
    {
        var text = string.Empty;
        for (var i = 0; i < errors.Count; i++)
        {
            var line = (text.Length == 0 ? string.Empty : "\n") + errors[i];
            var more = $"\n… and {errors.Count - i} more.";
            if (text.Length + line.Length + (i < errors.Count - 1 ? more.Length : 0) > MaxErrorLength)
            {
                return text.Length == 0 ? errors[i][..(MaxErrorLength - 1)] + "…" : text + more;
            }

            text += line;
        }

        return text;
    }

    private static ViewSubmissionResult Error(string block, string message) =>
        ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [block] = message });
}
