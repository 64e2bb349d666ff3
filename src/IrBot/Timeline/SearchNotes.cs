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

/// <summary><c>/irbot searchnote [words or id]</c>: the scribe's list of notes, each with an Edit button.</summary>
public sealed class SearchNoteCommand(IrBotDbContext db, IncidentAccess access) : ISubcommand
{
    public const int MaxResults = 10;
    public string Name => "searchnote";
    public string Usage => "`/irbot searchnote [words or note id]` — find timeline notes to edit or delete (scribe, commander, IR team)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var check = await access.LiveIncidentToWriteTimelineAsync(context.ChannelId, context.UserId, TimelineAccess.Refused, cancellationToken);
        if (!check.IsAllowed)
        {
            return CommandReply.Ephemeral(check.Refusal);
        }

        var incident = check.Incident;

        var query = db.TimelineNotes.Where(n => n.IncidentId == incident.Id && !n.Deleted);
        var terms = context.Arguments.Trim();
        if (long.TryParse(terms.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            query = query.Where(n => n.Id == id);
        }
        else
        {
            foreach (var word in terms.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pattern = "%" + word.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                query = query.Where(n => EF.Functions.Like(n.Text.ToLower(), pattern, "\\"));
            }
        }

        var notes = await query.OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id).Take(MaxResults).ToListAsync(cancellationToken);
        if (notes.Count == 0)
        {
            return CommandReply.Ephemeral(terms.Length == 0 ? "This incident has no timeline notes yet." : $"No timeline note matches `{SlackMentions.Escape(terms)}`.");
        }

        var blocks = new List<Block> { Blocks.Section(terms.Length == 0 ? "*Latest timeline notes*" : $"*Timeline notes matching* `{SlackMentions.Escape(terms)}`") };
        blocks.AddRange(notes.Select(n => (Block)Blocks.Section(
            $"*{n.Id.ToString(CultureInfo.InvariantCulture)}* · {TimelineMerge.FormatTime(n.OccurredAt)} UTC · {SlackMentions.User(n.AuthorId)}\n{SlackMentions.Escape(n.Text)}",
            ButtonElement.Of(EditNoteButton.Id, "Edit", n.Id.ToString(CultureInfo.InvariantCulture)))));
        return CommandReply.Ephemeral($"{notes.Count} timeline note(s)", blocks);
    }
}

/// <summary>The Edit button: opens the note in a modal.</summary>
public sealed class EditNoteButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies) : IBlockActionHandler
{
    public const string Id = "timeline_note_edit";
    public string ActionId => Id;
    public bool OpensModal => true;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var user = payload.User?.Id;
        if (user is null || payload.TriggerId is null || !long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var noteId))
        {
            return;
        }

        var found = await EditNoteSubmission.LoadAsync(db, access, noteId, user, cancellationToken);
        if (found.Error is not null)
        {
            await replies.TellAsync(payload, found.Error, cancellationToken);
            return;
        }

        var note = found.Note!;
        await views.OpenAsync(new OpenView { TriggerId = payload.TriggerId, View = EditNoteSubmission.Modal(note) }, cancellationToken);
    }
}

/// <summary>Saves the modal: new text (published again in place) or deletion (the row leaves the page).</summary>
public sealed class EditNoteSubmission(IrBotDbContext db, IncidentAccess access, TimeProvider time) : IViewSubmissionHandler
{
    public const string Id = "timeline_note_edit";
    public const string TextBlock = "note_text";
    public const string TextAction = "text";
    public const string DeleteBlock = "note_delete";
    public const string DeleteAction = "delete";
    public const string DeleteValue = "delete";
    public string CallbackId => Id;

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
