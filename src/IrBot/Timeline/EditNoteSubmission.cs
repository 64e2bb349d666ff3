using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Timeline;

/// <summary>Saves the modal: new text (published again in place) or deletion (the row leaves the page).</summary>
public sealed class EditNoteSubmission(IrBotDbContext db, IncidentAccess access, TimeProvider time) : IViewSubmissionHandler
{
    public const string Id = "timeline_note_edit";
    public const string TextBlock = "note_text";
    public const string TextAction = "text";
    public const string DeleteBlock = "note_delete";
    public const string DeleteAction = "delete";
    public const string DeleteValue = "delete";
    public static string CallbackId => Id;

    public static ModalView Modal(TimelineNote note) =>
        ModalView.Create(
            Id,
            "Edit timeline note",
            [
                Blocks.Context($"Note {note.Id.ToString(CultureInfo.InvariantCulture)} · {TimelineMerge.FormatTime(note.OccurredAt)} UTC · {SlackMentions.User(note.AuthorId)}"),
                Blocks.Input(TextBlock, "Note", new PlainTextInputElement { ActionId = TextAction, Multiline = true, MaxLength = NoteCommand.MaxLength, InitialValue = BlockLimits.Truncate(note.Text, NoteCommand.MaxLength) }),
                Blocks.Input(DeleteBlock, "Delete", new CheckboxesElement { ActionId = DeleteAction, Options = [OptionObject.Of("Delete this note from the timeline", DeleteValue)] }, optional: true),
            ],
            "Save",
            note.Id.ToString(CultureInfo.InvariantCulture));

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var user = payload.User?.Id;
        if (user is null || !long.TryParse(view.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var noteId))
        {
            return ViewSubmissionResult.Close;
        }

        var found = await LoadAsync(db, access, noteId, user, cancellationToken);
        if (found.Error is not null)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [TextBlock] = found.Error });
        }

        var note = found.Note!;
        var delete = view.State?.Get(DeleteBlock, DeleteAction)?.SelectedOptions?.Any(o => o.Value == DeleteValue) == true;
        var text = view.State?.Get(TextBlock, TextAction)?.Value?.Trim() ?? string.Empty;
        if (delete)
        {
            note.Deleted = true;
        }
        else if (text.Length == 0)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [TextBlock] = "A note needs text. To remove it, tick \"Delete\"." });
        }
        else if (text == note.Text)
        {
            return ViewSubmissionResult.Close;
        }
        else
        {
            note.Text = text;
        }

        note.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ViewSubmissionResult.Close;
    }

    public static async Task<(TimelineNote? Note, string? Error)> LoadAsync(IrBotDbContext db, IncidentAccess access, long noteId, string userId, CancellationToken cancellationToken)
    {
        var note = await db.TimelineNotes.FirstOrDefaultAsync(n => n.Id == noteId && !n.Deleted, cancellationToken);
        var incident = note is null ? null : await db.Incidents.FirstOrDefaultAsync(i => i.Id == note.IncidentId, cancellationToken);
        if (note is null || incident is null)
        {
            return (null, $"Note {noteId.ToString(CultureInfo.InvariantCulture)} does not exist any more.");
        }

        if (!incident.IsLive)
        {
            return (null, "This incident is archived; its timeline can no longer be edited here.");
        }

        return await access.CanWriteTimelineAsync(incident, userId, cancellationToken)
            ? (note, null)
            : (null, TimelineAccess.Refused);
    }
}
