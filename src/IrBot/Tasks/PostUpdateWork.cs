using System.Globalization;
using System.Text;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Steps;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Timeline;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary>
/// Posts the update to the incident channel: the synopsis, then every open task (not started ones first and marked).
/// Tagged with this job's id, so a post whose answer was lost is found, not posted again.
/// </summary>
public sealed class PostUpdateWork(ISlackChatApi chat, ISlackConversationsApi conversations) : IWorkHandler
{
    public const string MetadataEventType = "irbot_status_update";

    public static string Kind => "tasks.post-update";

    public static IReadOnlyList<string> FormerKinds => ["task-update-post"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<PostUpdateRequest>();
        var incident = await context.Db.Incidents.FirstAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var tasks = await context.Db.Tasks
            .Where(t => t.IncidentId == incident.Id && t.Status != IncidentTaskStatus.Resolved)
            .OrderBy(t => t.Status == IncidentTaskStatus.Open ? 0 : 1).ThenBy(t => t.Criticality).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var text = Text(incident, request, tasks);
        await TaggedMessages.PostOnceAsync(
            chat,
            conversations,
            incident,
            MetadataEventType,
            new ChatMessage
            {
                Channel = incident.ChannelId!,
                Text = BlockLimits.Truncate(text, 3900),
                Blocks = Blocks(incident, request, tasks),
            },
            cancellationToken,
            occasion: context.Item.Id.ToString(CultureInfo.InvariantCulture));
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
