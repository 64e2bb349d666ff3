using System.Globalization;
using System.Text;
using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Workflows.Definitions;
using IrBot.Workflows.Running;
using IrBot.Workflows.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows.Managing;

/// <summary>
/// <c>/irbot workflow edit|list|show &lt;name&gt;|history|rollback [version]</c>, for workspace admins and owners
/// and <c>Workflows:AuthorizedUsers</c>. Edit and rollback are refused while <c>Workflows:File</c> is the source.
/// </summary>
public sealed class WorkflowCommand(
    IrBotDbContext db,
    WorkflowAdmins admins,
    WorkflowCatalog catalog,
    WorkflowAnnouncements announcements,
    ISlackViewsApi views,
    IOptionsMonitor<WorkflowsOptions> options,
    ILogger<WorkflowCommand> logger) : ISubcommand
{
    public static string Name => "workflow";
    public static string Usage =>
        "`/irbot workflow edit|list|show <name>|history|rollback [version]` — keyword workflows: upload, look, undo (workspace admins)";

    public static string FileRefusal(string file) =>
        $":lock: Workflows come from the file `{SlackMentions.Escape(file)}` (`Workflows:File`): change that file and restart IR Bot.";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parts = context.Arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = parts.Length == 0 ? string.Empty : parts[0].ToLowerInvariant();
        var rest = parts.Length > 1 ? parts[1] : string.Empty;
        if (verb is not ("edit" or "list" or "show" or "history" or "rollback"))
        {
            return CommandReply.Ephemeral(Usage);
        }

        if (!await admins.IsAllowedAsync(context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(WorkflowAdmins.Refusal);
        }

        return verb switch
        {
            "edit" => await EditAsync(context, cancellationToken),
            "list" => await ListAsync(cancellationToken),
            "show" => await ShowAsync(rest, cancellationToken),
            "history" => await HistoryAsync(cancellationToken),
            _ => await RollbackAsync(context, rest, cancellationToken),
        };
    }

    private async Task<CommandReply> EditAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.File is { Length: > 0 } file) return CommandReply.Ephemeral(FileRefusal(file));
        if (context.Command.TriggerId is not { Length: > 0 } triggerId)
        {
            return CommandReply.Ephemeral("Slack sent no trigger to open the upload form; please run `/irbot workflow edit` again.");
        }

        try
        {
            await views.OpenAsync(new OpenView { TriggerId = triggerId, View = WorkflowEditModal.View() }, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not open the workflow upload modal: {Error}", ex.Error);
            return CommandReply.Ephemeral($"Could not open the upload form (`{ex.Error}`); please try again.");
        }

        return CommandReply.None;
    }

    private async Task<CommandReply> ListAsync(CancellationToken cancellationToken)
    {
        var set = await catalog.ActiveAsync(db, cancellationToken);
        if (set is null || set.Workflows.Count == 0) return CommandReply.Ephemeral("No workflows yet. Upload a file with `/irbot workflow edit`.");
        var counts = await db.WorkflowInstances.AsNoTracking()
            .GroupBy(i => new { i.WorkflowName, i.Status })
            .Select(g => new { g.Key.WorkflowName, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(string name, WorkflowInstanceStatus status) => counts.FirstOrDefault(c => c.WorkflowName == name && c.Status == status)?.Count ?? 0;
        var text = new StringBuilder($"*Workflows* (version {set.VersionId})\n");
        foreach (var workflow in set.Workflows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"• *{SlackMentions.Escape(workflow.Name)}* — {Count(workflow.Name, WorkflowInstanceStatus.Running)} running, {Count(workflow.Name, WorkflowInstanceStatus.Finished)} finished, {Count(workflow.Name, WorkflowInstanceStatus.Failed)} failed\n");
            foreach (var trigger in workflow.Triggers)
            {
                text.Append("    ◦ ").Append(Describe(trigger)).Append('\n');
            }
        }

        return CommandReply.Ephemeral(text.ToString());
    }

    private async Task<CommandReply> ShowAsync(string name, CancellationToken cancellationToken)
    {
        var set = await catalog.ActiveAsync(db, cancellationToken);
        if (set?.Find(name) is not { } workflow)
        {
            return CommandReply.Ephemeral($"No workflow named `{SlackMentions.Escape(name)}`. `/irbot workflow list` shows them.");
        }

        var text = new StringBuilder($"*{SlackMentions.Escape(workflow.Name)}*\n*Triggers*\n");
        foreach (var trigger in workflow.Triggers) text.Append("• ").Append(Describe(trigger)).Append('\n');
        text.Append("*Steps*\n");
        foreach (var step in workflow.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"• *{SlackMentions.Escape(step.Name)}*");
            if (step.StartActions.Count > 0) text.Append(" — on start: ").Append(string.Join(", ", step.StartActions.Select(Describe)));
            if (step.FinishActions.Count > 0) text.Append(" — on finish: ").Append(string.Join(", ", step.FinishActions.Select(Describe)));
            text.Append('\n');
        }

        var recent = await db.WorkflowInstances.AsNoTracking().Where(i => i.WorkflowName == workflow.Name)
            .OrderByDescending(i => i.Number).Take(10).ToListAsync(cancellationToken);
        if (recent.Count > 0)
        {
            text.Append("*Latest instances*\n");
            foreach (var i in recent)
            {
                text.Append(CultureInfo.InvariantCulture, $"• {i.Number}: {i.Status}, step {SlackMentions.Escape(i.CurrentStep)}, started <!date^{new DateTimeOffset(i.StartedAt).ToUnixTimeSeconds()}^{{date_short}} {{time}}|{i.StartedAt:u}> in <#{i.TriggerChannelId}>");
                if (i.FailureReason is { } reason) text.Append(" — ").Append(SlackMentions.Escape(reason));
                text.Append('\n');
            }
        }

        return CommandReply.Ephemeral(text.ToString());
    }

    private async Task<CommandReply> HistoryAsync(CancellationToken cancellationToken)
    {
        var versions = await db.WorkflowSetVersions.AsNoTracking().OrderByDescending(v => v.Id).Take(15)
            .Select(v => new { v.Id, v.UploadedBy, v.UploadedAt, v.Source, v.Changes, v.IsActive }).ToListAsync(cancellationToken);
        if (versions.Count == 0) return CommandReply.Ephemeral("No workflows have been uploaded yet.");
        var text = new StringBuilder("*Workflow uploads* (newest first)\n");
        foreach (var v in versions)
        {
            var who = v.UploadedBy == WorkflowSetVersion.FileSource ? "`Workflows:File`" : $"<@{v.UploadedBy}>";
            text.Append(CultureInfo.InvariantCulture,
                $"• *{v.Id}*{(v.IsActive ? " (active)" : string.Empty)}: {v.UploadedAt:yyyy-MM-dd HH:mm} UTC by {who}, {SlackMentions.Escape(v.Source)} — {SlackMentions.Escape(v.Changes)}\n");
        }

        text.Append("`/irbot workflow rollback [version]` makes an earlier version active again (default: the one before the active one).");
        return CommandReply.Ephemeral(text.ToString());
    }

    private async Task<CommandReply> RollbackAsync(CommandContext context, string argument, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.File is { Length: > 0 } file) return CommandReply.Ephemeral(FileRefusal(file));
        var active = await db.WorkflowSetVersions.AsNoTracking().Where(v => v.IsActive).Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);
        int? target;
        if (argument.Length > 0)
        {
            if (!int.TryParse(argument.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return CommandReply.Ephemeral("Give a version number from `/irbot workflow history`, e.g. `/irbot workflow rollback 3`.");
            }

            target = id;
        }
        else
        {
            // The version that was active before the active one: the newest older one with other content.
            var activeJson = await db.WorkflowSetVersions.AsNoTracking().Where(v => v.IsActive).Select(v => v.Json).FirstOrDefaultAsync(cancellationToken);
            target = (await db.WorkflowSetVersions.AsNoTracking().Where(v => v.Id < (active ?? int.MaxValue)).OrderByDescending(v => v.Id)
                .Select(v => new { v.Id, v.Json }).ToListAsync(cancellationToken)).FirstOrDefault(v => v.Json != activeJson)?.Id;
        }

        var old = target is null ? null : await db.WorkflowSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == target, cancellationToken);
        if (old is null) return CommandReply.Ephemeral("There is no earlier version to roll back to. `/irbot workflow history` lists them.");
        if (old.Id == active) return CommandReply.Ephemeral($"Version {old.Id} is already the active one.");
        var version = await catalog.ReplaceAsync(db, old.Json, context.UserId, $"rollback to version {old.Id}", cancellationToken);
        await announcements.AnnounceAsync(version, $"rolled back to version {old.Id}", cancellationToken);
        return CommandReply.Ephemeral($":leftwards_arrow_with_hook: Workflows rolled back to version {old.Id} (now version {version.Id}): {SlackMentions.Escape(version.Changes)}.");
    }

    private static string Describe(TextTrigger trigger)
    {
        var what = trigger.Match is { } m ? $"contains `{SlackMentions.Escape(m)}`" : $"matches `{SlackMentions.Escape(trigger.MatchRegex?.ToString() ?? string.Empty)}`";
        if (trigger.Match is not null && trigger.MatchRegex is { } r) what += $" or matches `{SlackMentions.Escape(r.ToString())}`";
        var where = (trigger.ChannelName is { } c ? $" in #{SlackMentions.Escape(SlackChannelNames.Normalize(c))}" : " in any channel")
            + (trigger.TeamName is { } t ? $" of {SlackMentions.Escape(t)}" : string.Empty);
        return $"{SlackMentions.Escape(trigger.Name)}: a message that {what}{where}";
    }

    private static string Describe(WorkflowAction action) => $"{SlackMentions.Escape(action.Name)} ({action.Type})";
}
