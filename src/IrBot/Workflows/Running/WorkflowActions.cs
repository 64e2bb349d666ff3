using IrBot.Data;
using IrBot.Incidents;
using IrBot.SlackApp;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using IrBot.Workflows.Definitions;
using IrBot.Workflows.Templates;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>
/// Does one Slack action of an instance. <paramref name="resumed"/> (in each method) means this job claimed
/// the action before and may have done it before a crash: a post looks for itself in the channel's
/// history (by its metadata), a channel whose name is taken is adopted when we made it for this instance;
/// the other actions are harmless to repeat (invite, topic, purpose, archive).
/// </summary>
public sealed class WorkflowActions(
    IrBotDbContext db,
    ISlackConversationsApi conversations,
    ISlackChatApi chat,
    SlackTargets targets,
    BotIdentity bot,
    WorkQueue work,
    NumberAllocator numbers,
    TimeProvider time,
    ILogger<WorkflowActions> logger)
{
    /// <summary>Slack's limit for a topic or a purpose.</summary>
    public const int MaxTopicLength = 250;

    public async Task<ActionOutcome> RunAsync(
        WorkflowInstance instance, WorkflowAction action, WorkflowActionRun run, bool resumed, CancellationToken cancellationToken)
    {
        var (values, rows) = await InstanceValues.LoadAsync(db, instance, cancellationToken);
        string Render(Template template) => template.Render(values.Lookup);
        return action switch
        {
            CreateChannelAction create => await CreateChannelAsync(instance, create, resumed, Render, cancellationToken),
            AddUsersChannelAction add => await AddUsersAsync(add, rows, Render, cancellationToken),
            PostAction post => await PostAsync(post, run, rows, resumed, Render, cancellationToken),
            ArchiveChannelAction archive => await ArchiveAsync(instance, archive, rows, Render, cancellationToken),
            OpenIncidentAction open => await OpenIncidentAsync(instance, open, run, Render, cancellationToken),
            _ => ActionOutcome.Done,
        };
    }

    private async Task<ActionOutcome> CreateChannelAsync(
        WorkflowInstance instance, CreateChannelAction action, bool resumed, Func<Template, string> render, CancellationToken cancellationToken)
    {
        var name = SlackChannelNames.Normalize(render(action.ChannelName));
        if (name.Length == 0 || SlackChannelNames.IsChannelId(name))
        {
            return ActionOutcome.Fail($"action {action.Name}: \"{render(action.ChannelName)}\" is not a usable channel name");
        }

        string channelId;
        try
        {
            var created = await conversations.CreateAsync(new CreateConversation { Name = name, IsPrivate = action.Private ? true : null }, cancellationToken);
            channelId = created.Channel?.Id ?? throw new InvalidOperationException("conversations.create returned no channel");
        }
        catch (SlackApiException ex) when (ex.Error == "name_taken")
        {
            var ours = resumed ? await targets.ChannelByNameAsync(name, cancellationToken) : null;
            if (ours is null || ours.Creator != await bot.UserIdAsync(cancellationToken)
                || DateTimeOffset.FromUnixTimeSeconds(ours.Created ?? 0).UtcDateTime < instance.StartedAt.AddMinutes(-5))
            {
                return ActionOutcome.Fail($"action {action.Name}: a channel named #{name} already exists");
            }

            logger.LogInformation("workflow {Workflow} instance {Number}: adopting #{Channel}, created before a restart", instance.WorkflowName, instance.Number, name);
            channelId = ours.Id;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await InstanceValues.SetAsync(db, instance.Id, action.Name, WorkflowValue.ChannelName, name, null, now, cancellationToken);
        await InstanceValues.SetAsync(db, instance.Id, action.Name, WorkflowValue.ChannelId, channelId, null, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (action.Header is { } header && Limit(render(header)) is { Length: > 0 } topic)
        {
            await conversations.SetTopicAsync(new SetConversationTopic { Channel = channelId, Topic = topic }, cancellationToken);
        }

        // Slack has no display name: it is the purpose when no purpose is given.
        var purpose = Limit(action.Purpose is { } p ? render(p) : render(action.ChannelDisplayName));
        if (purpose.Length > 0)
        {
            await conversations.SetPurposeAsync(new SetConversationPurpose { Channel = channelId, Purpose = purpose }, cancellationToken);
        }

        return ActionOutcome.Done;
    }

    private async Task<ActionOutcome> AddUsersAsync(
        AddUsersChannelAction action, List<WorkflowValue> rows, Func<Template, string> render, CancellationToken cancellationToken)
    {
        var channel = await targets.ChannelIdAsync(render(action.ChannelName), rows, cancellationToken);
        if (channel is null) return ActionOutcome.Fail($"action {action.Name}: no channel \"{render(action.ChannelName)}\"");
        var (ids, unknown) = await targets.UserIdsAsync(action.Users.Select(render), cancellationToken);
        if (unknown.Count > 0)
        {
            logger.LogWarning("workflow action {Action}: no Slack user or user group matches {Users}", action.Name, string.Join(", ", unknown));
        }

        var botId = await bot.UserIdAsync(cancellationToken);
        var invite = ids.Where(id => id != botId).ToList();
        // conversations.invite takes up to 1000 users per call.
        foreach (var chunk in invite.Chunk(1000))
        {
            try
            {
                await conversations.InviteAsync(new InviteToConversation { Channel = channel, Users = string.Join(',', chunk) }, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "already_in_channel" or "cant_invite_self")
            {
                // Already there (or a resumed run): nothing to do.
            }
        }

        return ActionOutcome.Done;
    }

    private async Task<ActionOutcome> PostAsync(
        PostAction action, WorkflowActionRun run, List<WorkflowValue> rows, bool resumed, Func<Template, string> render, CancellationToken cancellationToken)
    {
        var channel = await targets.ChannelIdAsync(render(action.ChannelName), rows, cancellationToken);
        if (channel is null) return ActionOutcome.Fail($"action {action.Name}: no channel \"{render(action.ChannelName)}\"");
        var text = render(action.Message);
        var links = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var mention in ChannelMentions.Find(text))
        {
            links[mention] = await targets.ChannelIdAsync(mention, rows, cancellationToken) is { } id ? $"<#{id}>" : null;
        }

        text = ChannelMentions.Replace(text, name => links.GetValueOrDefault(name));
        var runKey = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tag = new MessageMetadata
        {
            EventType = WorkflowPostMessage.MetadataEventType,
            EventPayload = new Dictionary<string, string> { [WorkflowPostMessage.MetadataRunKey] = runKey },
        };
        // A resumed action (a crash or a lost answer after its claim) keeps the message it posted rather than posting a second.
        var posted = await TaggedPost.PostOnceAsync(
            chat,
            conversations,
            new ChatMessage { Channel = channel, Text = text.Length == 0 ? action.Name : text, Blocks = WorkflowPostMessage.Blocks(action, run.Id, text, rows, null) },
            tag,
            cancellationToken,
            lookFirst: resumed);
        Record(run, posted.Channel, posted.Ts, text);
        return ActionOutcome.Done;
    }

    private static void Record(WorkflowActionRun run, string channel, string? ts, string text)
    {
        run.ChannelId = channel;
        run.MessageTs = ts;
        run.Text = text;
    }

    private async Task<ActionOutcome> ArchiveAsync(
        WorkflowInstance instance, ArchiveChannelAction action, List<WorkflowValue> rows, Func<Template, string> render, CancellationToken cancellationToken)
    {
        var channel = await targets.ChannelIdAsync(render(action.ChannelName), rows, cancellationToken);
        if (channel is null) return ActionOutcome.Fail($"action {action.Name}: no channel \"{render(action.ChannelName)}\"");
        try
        {
            await conversations.ArchiveAsync(new ArchiveConversation { Channel = channel }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "already_archived")
        {
            // Archived by hand, or before a restart.
        }

        // Archiving the war room the instance made resolves it (for statistics), as finished_workflow does.
        if (rows.Any(v => v.Name == WorkflowValue.ChannelId && v.Value == channel) && instance.ResolvedAt is null)
        {
            instance.ResolvedAt = time.GetUtcNow().UtcDateTime;
        }

        return ActionOutcome.Done;
    }

    private async Task<ActionOutcome> OpenIncidentAsync(
        WorkflowInstance instance, OpenIncidentAction action, WorkflowActionRun run, Func<Template, string> render, CancellationToken cancellationToken)
    {
        if (run.IncidentId is null)
        {
            var title = SlackMentions.Unescape(render(action.Title)).Trim();
            if (title.Length == 0) title = OpenIncidentCommand.DefaultTitle;
            if (title.Length > OpenIncidentCommand.MaxTitleLength) title = title[..(OpenIncidentCommand.MaxTitleLength - 1)] + "…";
            // The incident, its opening job and this run's link to it commit together: one incident per action.
            var incident = await OpenIncidentCommand.RecordAsync(
                db, work, numbers, time, title, instance.TriggerUserId, instance.TriggerChannelId, responseUrl: null,
                beforeCommit: opened => run.IncidentId = opened.Id, cancellationToken);
            logger.LogInformation("workflow {Workflow} instance {Number}: incident {Incident} requested", instance.WorkflowName, instance.Number, incident.Number);
        }

        var opened = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == run.IncidentId, cancellationToken);
        if (opened.ChannelId is null || opened.ChannelName is null)
        {
            // The opening job makes the channel; come back when it has.
            return ActionOutcome.Wait(TimeSpan.FromSeconds(2));
        }

        var now = time.GetUtcNow().UtcDateTime;
        await InstanceValues.SetAsync(db, instance.Id, action.Name, WorkflowValue.ChannelName, opened.ChannelName, null, now, cancellationToken);
        await InstanceValues.SetAsync(db, instance.Id, action.Name, WorkflowValue.ChannelId, opened.ChannelId, null, now, cancellationToken);
        return ActionOutcome.Done;
    }

    private static string Limit(string text)
    {
        text = text.Trim();
        return text.Length <= MaxTopicLength ? text : text[..(MaxTopicLength - 1)] + "…";
    }
}
