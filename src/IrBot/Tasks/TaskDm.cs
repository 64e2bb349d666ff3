using System.Globalization;
using IrBot.Incidents;
using IrBot.Incidents.Steps;
using IrBot.Integrations.Jira;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>The task card in its owner's DM: the one way to post it and to refresh it after a change.</summary>
public sealed class TaskDm(ISlackChatApi chat, ISlackConversationsApi conversations, IOptions<JiraOptions> jira)
{
    /// <summary>The tag of a task's first card: a retry finds the card whose answer was lost instead of posting it again.</summary>
    public const string MetadataEventType = "irbot_task_card";

    /// <summary>The tag of a reply in a task card's thread (Jira could not assign it, a comment went to Jira): told once.</summary>
    public const string ReplyMetadataEventType = "irbot_task_reply";

    /// <summary>Posts a reminder card in the owner's DM, opened unless known.</summary>
    public async Task<MessageResponse> PostAsync(IncidentTask task, Incident incident, bool reminder, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(task, cancellationToken);
        var posted = await chat.PostMessageAsync(Card(channel, task, incident, reminder), cancellationToken);
        return posted with { Channel = posted.Channel ?? channel };
    }

    /// <summary>
    /// Posts the task's first card once: tagged with the task, and when an earlier try may have posted it
    /// (<paramref name="mayBePosted"/>: its answer was lost) the DM's history (<c>im:history</c>) is searched first.
    /// </summary>
    public async Task<TaggedPostResult> PostFirstOnceAsync(IncidentTask task, Incident incident, bool mayBePosted, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(task, cancellationToken);
        return await TaggedMessages.PostOnceAsync(
            chat,
            conversations,
            incident,
            MetadataEventType,
            Card(channel, task, incident, reminder: false),
            cancellationToken,
            occasion: "task-" + task.Id.ToString(CultureInfo.InvariantCulture),
            lookFirst: mayBePosted);
    }

    /// <summary>
    /// Replies once in the thread of the task's card (<paramref name="occasion"/> names the reply, stable across retries);
    /// with <paramref name="lookFirst"/> (an earlier try may have posted it) the thread is read first (conversations.replies).
    /// </summary>
    public async Task ReplyOnceAsync(IncidentTask task, Incident incident, string text, string occasion, bool lookFirst, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(task, cancellationToken);
        await TaggedMessages.PostOnceAsync(
            chat,
            conversations,
            incident,
            ReplyMetadataEventType,
            new ChatMessage { Channel = channel, ThreadTs = task.DmMessageTs, Text = text },
            cancellationToken,
            occasion: $"task-{task.Id.ToString(CultureInfo.InvariantCulture)}-{occasion}",
            lookFirst: lookFirst);
    }

    private async Task<string> ChannelAsync(IncidentTask task, CancellationToken cancellationToken) =>
        task.DmChannelId ?? await conversations.OpenDmAsync(task.OwnerId, cancellationToken);

    /// <summary>Shows the task as it now is (status, Jira link) in the card first posted, if there is one.</summary>
    public async Task RefreshAsync(IncidentTask task, Incident incident, CancellationToken cancellationToken)
    {
        if (task.DmChannelId is null || task.DmMessageTs is null)
        {
            return;
        }

        await chat.UpdateAsync(Card(task.DmChannelId, task, incident, reminder: false) with { Ts = task.DmMessageTs }, cancellationToken);
    }

    private ChatMessage Card(string channel, IncidentTask task, Incident incident, bool reminder) => new()
    {
        Channel = channel,
        Text = TaskMessages.DmText(task, incident, reminder),
        Blocks = TaskMessages.Dm(task, incident, jira.Value.Enabled, reminder),
    };
}
