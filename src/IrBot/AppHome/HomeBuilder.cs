using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Participants;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Statistics;
using IrBot.Tasks;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.AppHome;

/// <summary>
/// The Home tab of one person. Everyone sees the open incidents they are in (commander, scribe, requester, task
/// owner or channel member) and their open tasks with the task DM's buttons; the IR team sees every open
/// incident, the last 30 days' statistics and the background work that failed or waits on an outage, with
/// Retry. What all IR viewers share is read once per scope (a refresh publishes many tabs).
/// </summary>
public sealed class HomeBuilder(IrBotDbContext db, IncidentAccess access, StatisticsQuery statistics, JiraTasks jira, TimeProvider time)
{
    public const string RetryAction = "work_retry";
    public const int StatisticsDays = 30;
    private const int MaxIncidents = 20;
    private const int MaxTasks = 8;
    private const int MaxWork = 10;

    private List<Incident>? _open;
    private Dictionary<int, int>? _openTasks;
    private IReadOnlyList<Block>? _teamBlocks;

    public async Task<HomeView> BuildAsync(string userId, CancellationToken cancellationToken)
    {
        var irTeam = await access.IsIrTeamAsync(userId, cancellationToken);
        var open = await OpenIncidentsAsync(cancellationToken);
        var openTasks = await OpenTaskCountsAsync(cancellationToken);
        var mine = await IncidentsOfAsync(userId, open, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var blocks = new List<Block> { Blocks.Header("IR Bot") };
        blocks.Add(Blocks.Section(irTeam ? $"*Open incidents* ({open.Count})" : $"*Your open incidents* ({mine.Count})"));
        var shown = irTeam ? open : open.Where(i => mine.Contains(i.Id)).ToList();
        if (shown.Count == 0)
        {
            blocks.Add(Blocks.Context(irTeam ? "No incident is open." : "You are in no open incident."));
        }

        foreach (var incident in shown.Take(MaxIncidents))
        {
            blocks.Add(Blocks.Section(IncidentLine(incident, openTasks.GetValueOrDefault(incident.Id), now, mine.Contains(incident.Id))));
        }

        if (shown.Count > MaxIncidents)
        {
            blocks.Add(Blocks.Context($"…and {shown.Count - MaxIncidents} more."));
        }

        blocks.Add(Blocks.Divider());
        blocks.AddRange(await TasksOfAsync(userId, cancellationToken));

        if (irTeam)
        {
            blocks.Add(Blocks.Divider());
            blocks.AddRange(await TeamBlocksAsync(cancellationToken));
        }

        return new HomeView { Blocks = blocks.Take(BlockLimits.ModalBlocks).ToList() };
    }

    public static string IncidentLine(Incident incident, int openTasks, DateTime now, bool viewerIsIn)
    {
        var channel = incident.ChannelId is null ? "_channel being created_" : $"<#{incident.ChannelId}>";
        var links = new List<string>();
        if (incident.ConfluencePageUrl is { } page)
        {
            links.Add($"<{page}|Confluence page>");
        }

        if (incident.TheHiveCaseUrl is { } caseUrl)
        {
            links.Add($"<{caseUrl}|TheHive case{(incident.TheHiveCaseNumber is { } n ? " #" + n.ToString(CultureInfo.InvariantCulture) : string.Empty)}>");
        }

        return $"*Incident {incident.Number}: {SlackMentions.Escape(incident.Title)}* {channel}{(viewerIsIn ? " · _you are in it_" : string.Empty)}"
            + $"\nCommander: {IncidentMessages.Role(incident.CommanderId)} · Scribe: {IncidentMessages.Role(incident.ScribeId)}"
            + $" · open for {DurationText.Format(now - incident.OpenedAt)} · {openTasks} open task{(openTasks == 1 ? string.Empty : "s")}"
            + (links.Count > 0 ? "\n" + string.Join(" · ", links) : string.Empty);
    }

    private async Task<List<Incident>> OpenIncidentsAsync(CancellationToken cancellationToken) =>
        _open ??= await db.Incidents.AsNoTracking()
            .Where(LiveIncident.Rule)
            .OrderByDescending(i => i.Number)
            .ToListAsync(cancellationToken);

    private async Task<Dictionary<int, int>> OpenTaskCountsAsync(CancellationToken cancellationToken) =>
        _openTasks ??= await db.Tasks.AsNoTracking()
            .Where(t => t.Status != IncidentTaskStatus.Resolved)
            .GroupBy(t => t.IncidentId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>The open incidents this person holds a role or a task in, asked for, or whose channel they are in now.</summary>
    private async Task<HashSet<int>> IncidentsOfAsync(string userId, List<Incident> open, CancellationToken cancellationToken)
    {
        var ids = open.Where(i => i.CommanderId == userId || i.ScribeId == userId || i.RequestedBy == userId).Select(i => i.Id).ToHashSet();
        var openIds = open.Select(i => i.Id).ToList();
        ids.UnionWith(await db.Tasks.AsNoTracking()
            .Where(t => t.OwnerId == userId && openIds.Contains(t.IncidentId))
            .Select(t => t.IncidentId)
            .ToListAsync(cancellationToken));
        var memberships = await db.MembershipEvents.AsNoTracking()
            .Where(e => e.UserId == userId && openIds.Contains(e.IncidentId))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new { e.IncidentId, e.Kind })
            .ToListAsync(cancellationToken);
        foreach (var last in memberships.GroupBy(e => e.IncidentId).Select(g => g.Last()))
        {
            if (last.Kind == MembershipKind.Joined)
            {
                ids.Add(last.IncidentId);
            }
        }

        return ids;
    }

    /// <summary>The task DM's own blocks (and buttons), block ids made unique: one view holds several tasks.</summary>
    private async Task<List<Block>> TasksOfAsync(string userId, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.OwnerId == userId && t.Status != IncidentTaskStatus.Resolved)
            .OrderBy(t => t.Criticality).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var blocks = new List<Block> { Blocks.Section($"*Your open tasks* ({tasks.Count})") };
        if (tasks.Count == 0)
        {
            blocks.Add(Blocks.Context("You have no open task."));
            return blocks;
        }

        var incidentIds = tasks.Select(t => t.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        foreach (var task in tasks.Take(MaxTasks))
        {
            blocks.AddRange(TaskMessages.Dm(task, incidents[task.IncidentId], jira.Enabled, reminder: false)
                .Select(b => b.BlockId is { } id ? b with { BlockId = $"{id}_{task.Id.ToString(CultureInfo.InvariantCulture)}" } : b));
        }

        if (tasks.Count > MaxTasks)
        {
            blocks.Add(Blocks.Context($"…and {tasks.Count - MaxTasks} more in your DMs."));
        }

        return blocks;
    }

    private async Task<IReadOnlyList<Block>> TeamBlocksAsync(CancellationToken cancellationToken)
    {
        if (_teamBlocks is not null)
        {
            return _teamBlocks;
        }

        var blocks = new List<Block> { Blocks.Section($"*Statistics, last {StatisticsDays} days*") };
        var window = await statistics.WindowAsync(StatisticsDays, all: false, cancellationToken);
        var figures = await statistics.FiguresAsync(window, cancellationToken);
        blocks.AddRange(StatisticsMessages.Answer(figures, window, withDefinitions: false));

        blocks.Add(Blocks.Divider());
        var troubled = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkStatus.Failed || (w.Status == WorkStatus.Pending && w.LastError != null))
            .OrderByDescending(w => w.UpdatedAt).ThenByDescending(w => w.Id)
            .Take(MaxWork + 1)
            .ToListAsync(cancellationToken);
        blocks.Add(Blocks.Section("*Background work that failed or is waiting*"));
        if (troubled.Count == 0)
        {
            blocks.Add(Blocks.Context(":white_check_mark: Nothing failed; nothing is waiting on an outage."));
        }

        var numbers = await IncidentNumbersAsync(troubled, cancellationToken);
        foreach (var item in troubled.Take(MaxWork))
        {
            blocks.Add(Blocks.Section(
                WorkLine(item, numbers),
                item.Status == WorkStatus.Failed ? ButtonElement.Of(RetryAction, "Retry", item.Id.ToString(CultureInfo.InvariantCulture)) : null));
        }

        if (troubled.Count > MaxWork)
        {
            blocks.Add(Blocks.Context("…and more; see the work_items table."));
        }

        return _teamBlocks = blocks;
    }

    private async Task<Dictionary<int, int>> IncidentNumbersAsync(List<WorkItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Where(i => i.IncidentId is not null).Select(i => i.IncidentId!.Value).Distinct().ToList();
        return await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
    }

    public static string WorkLine(WorkItem item, IReadOnlyDictionary<int, int> incidentNumbers)
    {
        var what = $"`{item.Kind}`" + (item.IncidentId is { } id && incidentNumbers.TryGetValue(id, out var number) ? $" for incident {number}" : string.Empty);
        var state = item.Status == WorkStatus.Failed
            ? $":x: *failed* after {item.Attempts} attempt{(item.Attempts == 1 ? string.Empty : "s")}"
            : ":hourglass: *waiting*";
        var error = item.LastError is null ? string.Empty : $"\nLast error: _{SlackMentions.Escape(BlockLimits.Truncate(item.LastError, 300))}_";
        return $"{state}: {what} · since {StatisticsMessages.When(item.CreatedAt)} · last try {StatisticsMessages.When(item.UpdatedAt)}{error}";
    }
}
