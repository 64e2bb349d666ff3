using System.Globalization;
using System.Text;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Timeline;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary><c>/irbot update</c>: the commander's synopsis, posted with where every open task stands.</summary>
public sealed class UpdateCommand(IncidentAccess access, ISlackViewsApi views) : LeaderModalCommand(access, views)
{
    public override string Name => "update";
    public override string Usage => "`/irbot update` — post a status update with every open task (IR team or commander, in an incident channel)";
    protected override string Refusal => ":no_entry: Only the IR team or the incident commander can post a status update.";

    protected override ModalView Modal(Incident incident) => UpdateModal.Build(incident);
}

public static class UpdateModal
{
    public const string CallbackId = "incident_update";
    public const string SynopsisBlock = "update_synopsis";
    public const string Input = "value";
    public const int MaxLength = 2500;

    public static ModalView Build(Incident incident) => ModalView.Create(
        CallbackId,
        "Status update",
        [
            Blocks.Section($"Incident {incident.Number}: {SlackMentions.Escape(incident.Title)}. The channel gets your synopsis and where every open task stands."),
            Blocks.Input(SynopsisBlock, "Synopsis", new PlainTextInputElement { ActionId = Input, Multiline = true, MaxLength = MaxLength }),
        ],
        submit: "Post",
        privateMetadata: incident.Id.ToString(CultureInfo.InvariantCulture));
}

/// <summary>Stores the synopsis as a timeline note and queues the channel post.</summary>
public sealed class UpdateSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work, TimeProvider time) : IViewSubmissionHandler
{
    public string CallbackId => UpdateModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var synopsis = view.State?.Get(UpdateModal.SynopsisBlock, UpdateModal.Input)?.Value?.Trim() ?? string.Empty;
        var incident = int.TryParse(view.PrivateMetadata, CultureInfo.InvariantCulture, out var id)
            ? await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        string? error = synopsis.Length == 0 ? "Write the synopsis."
            : synopsis.Length > UpdateModal.MaxLength ? $"Keep the synopsis to {UpdateModal.MaxLength} characters."
            : incident is null || !incident.IsLive || incident.ChannelId is null ? "This incident is no longer open."
            : !await access.CanLeadAsync(incident, userId, cancellationToken) ? "Only the IR team or the incident commander can post a status update."
            : null;
        if (error is not null)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [UpdateModal.SynopsisBlock] = error });
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.TimelineNotes.Add(new TimelineNote
        {
            IncidentId = incident!.Id,
            AuthorId = userId,
            Text = synopsis,
            OccurredAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        });
        work.Add(db, PostUpdateWork.Kind, new PostUpdateRequest(userId, synopsis), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        work.Notify();
        return ViewSubmissionResult.Close;
    }
}

public sealed record PostUpdateRequest(string AuthorId, string Synopsis);

/// <summary>Posts the update to the incident channel: the synopsis, then every open task (not started ones first and marked).</summary>
public sealed class PostUpdateWork(ISlackChatApi chat) : IWorkHandler
{
    public const string Kind = "task-update-post";

    string IWorkHandler.Kind => Kind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<PostUpdateRequest>();
        var incident = await context.Db.Incidents.FirstAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var tasks = await context.Db.Tasks
            .Where(t => t.IncidentId == incident.Id && t.Status != IncidentTaskStatus.Resolved)
            .OrderBy(t => t.Status == IncidentTaskStatus.Open ? 0 : 1).ThenBy(t => t.Criticality).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var text = Text(incident, request, tasks);
        await chat.PostMessageAsync(
            new ChatMessage
            {
                Channel = incident.ChannelId!,
                Text = TaskMessages.Shorten(text, 3900),
                Blocks = Blocks(incident, request, tasks),
            },
            cancellationToken);
        return WorkResult.Done;
    }

    public static string Text(Incident incident, PostUpdateRequest request, IReadOnlyList<IncidentTask> tasks)
    {
        var text = new StringBuilder($":mega: Status update on incident {incident.Number} from {SlackMentions.User(request.AuthorId)}:\n{SlackMentions.Escape(request.Synopsis)}");
        text.Append(tasks.Count == 0 ? "\n\nNo open tasks." : $"\n\nOpen tasks ({tasks.Count}):");
        foreach (var task in tasks)
        {
            text.Append('\n').Append(TaskMessages.SummaryLine(task));
        }

        return text.ToString();
    }

    private static List<Block> Blocks(Incident incident, PostUpdateRequest request, List<IncidentTask> tasks)
    {
        var blocks = new List<Block>
        {
            Slack.BlockKit.Blocks.Header($"Status update: incident {incident.Number}"),
            Slack.BlockKit.Blocks.Section($"From {SlackMentions.User(request.AuthorId)}:\n{SlackMentions.Escape(request.Synopsis)}"),
            Slack.BlockKit.Blocks.Divider(),
        };
        if (tasks.Count == 0)
        {
            blocks.Add(Slack.BlockKit.Blocks.Section("No open tasks."));
            return blocks;
        }

        // A section holds 3000 characters: put the task lines in as few sections as fit, at most 40.
        var chunk = new StringBuilder($"*Open tasks ({tasks.Count})*");
        foreach (var line in tasks.Select(TaskMessages.SummaryLine))
        {
            if (chunk.Length + line.Length + 1 > 2900 && blocks.Count < 45)
            {
                blocks.Add(Slack.BlockKit.Blocks.Section(chunk.ToString()));
                chunk.Clear();
            }

            chunk.Append('\n').Append(line);
        }

        blocks.Add(Slack.BlockKit.Blocks.Section(chunk.ToString()));
        return blocks;
    }
}
