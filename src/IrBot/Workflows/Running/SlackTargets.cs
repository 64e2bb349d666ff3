using IrBot.Slack.WebApi;

namespace IrBot.Workflows.Running;

/// <summary>
/// Turns a workflow's channel and user references into Slack ids. Channels: an id as is; a channel the
/// instance created, from its values; else by name in <c>conversations.list</c>. Users: ids (<c>U…</c>/<c>W…</c>)
/// as are; user group handles (<c>@security-team</c>) through <c>usergroups.list</c>; names and display names
/// through <c>users.list</c>. One instance of this per job run (it caches the lists it read).
/// </summary>
public sealed class SlackTargets(ISlackConversationsApi conversations, ISlackUsersApi users, ISlackUserGroupsApi groups)
{
    private List<Conversation>? _channels;
    private List<SlackUser>? _users;
    private List<UserGroup>? _groups;

    public async Task<string?> ChannelIdAsync(string rendered, IEnumerable<WorkflowValue> values, CancellationToken cancellationToken)
    {
        var name = SlackChannelNames.Normalize(rendered);
        if (name.Length == 0) return null;
        if (SlackChannelNames.IsChannelId(name)) return name;
        var list = values.ToList();
        var created = list.FirstOrDefault(v => v.Name == WorkflowValue.ChannelName && v.Value == name);
        if (created is not null && list.FirstOrDefault(v => v.Action == created.Action && v.Name == WorkflowValue.ChannelId) is { } id)
        {
            return id.Value;
        }

        _channels ??= await ListChannelsAsync(cancellationToken);
        return _channels.FirstOrDefault(c => c.Name == name)?.Id;
    }

    /// <summary>Each reference's user ids; references nothing matches are returned in <c>Unknown</c>.</summary>
    public async Task<(IReadOnlyList<string> Ids, IReadOnlyList<string> Unknown)> UserIdsAsync(IEnumerable<string> references, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var unknown = new List<string>();
        foreach (var raw in references.Select(r => r.Trim()).Where(r => r.Length > 0))
        {
            if (IsUserId(raw))
            {
                ids.Add(raw);
                continue;
            }

            var name = raw.TrimStart('@');
            _groups ??= (await groups.ListAsync(cancellationToken)).Usergroups?.ToList() ?? [];
            if (_groups.FirstOrDefault(g => string.Equals(g.Handle, name, StringComparison.OrdinalIgnoreCase)) is { } group)
            {
                ids.AddRange((await groups.ListUsersAsync(new ListUserGroupUsers { Usergroup = group.Id }, cancellationToken)).Users ?? []);
                continue;
            }

            _users ??= await ListUsersAsync(cancellationToken);
            var user = _users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? _users.FirstOrDefault(u => string.Equals(u.Profile?.DisplayName, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(u.RealName, name, StringComparison.OrdinalIgnoreCase));
            if (user is null) unknown.Add(raw);
            else ids.Add(user.Id);
        }

        return (ids.Distinct(StringComparer.Ordinal).ToList(), unknown);
    }

    public async Task<Conversation?> ChannelByNameAsync(string name, CancellationToken cancellationToken)
    {
        _channels = await ListChannelsAsync(cancellationToken);
        return _channels.FirstOrDefault(c => c.Name == name);
    }

    private static bool IsUserId(string value) =>
        value.Length is >= 9 and <= 21 && value[0] is 'U' or 'W'
        && value.Skip(1).All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')) && value.Any(char.IsAsciiDigit);

    private async Task<List<Conversation>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        var all = new List<Conversation>();
        string? cursor = null;
        do
        {
            var page = await conversations.ListAsync(
                new ListConversations { Types = "public_channel,private_channel", ExcludeArchived = true, Limit = 200, Cursor = cursor }, cancellationToken);
            all.AddRange(page.Channels ?? []);
            cursor = page.ResponseMetadata?.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
        return all;
    }

    private async Task<List<SlackUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var all = new List<SlackUser>();
        string? cursor = null;
        do
        {
            var page = await users.ListAsync(new ListUsers { Limit = 200, Cursor = cursor }, cancellationToken);
            all.AddRange((page.Members ?? []).Where(u => u.Deleted != true));
            cursor = page.ResponseMetadata?.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
        return all;
    }
}
