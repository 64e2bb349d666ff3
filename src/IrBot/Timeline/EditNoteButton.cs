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

/// <summary>The Edit button: opens the note in a modal.</summary>
public sealed class EditNoteButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies) : IBlockActionHandler
{
    public const string Id = "timeline_note_edit";
    public static string ActionId => Id;
    public static bool OpensModal => true;

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
