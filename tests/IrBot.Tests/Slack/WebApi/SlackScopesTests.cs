using System.Reflection;
using IrBot.Slack.WebApi;
using Refit;

namespace IrBot.Tests.Slack.WebApi;

/// <summary>
/// The bot scopes in slack-app-manifest.yml are exactly those the code needs: derived from the Web API
/// methods of the ISlack*Api families and the subscribed events, by Slack's documented method → scope table.
/// </summary>
public sealed class SlackScopesTests
{
    /// <summary>Slack's required bot scopes per method (docs.slack.dev/reference/methods/…).</summary>
    private static readonly Dictionary<string, string[]> MethodScopes = new(StringComparer.Ordinal)
    {
        ["auth.test"] = [],
        // chat:write.public: progress goes to the channel the requester asked in, where the bot need not be a member.
        ["chat.postMessage"] = ["chat:write", "chat:write.public"],
        ["chat.postEphemeral"] = ["chat:write"],
        ["chat.update"] = ["chat:write"],
        // Incident channels are public; a channel made private by hand keeps working with the groups:* scopes.
        ["conversations.create"] = ["channels:manage", "groups:write"],
        ["conversations.invite"] = ["channels:manage", "groups:write"],
        ["conversations.kick"] = ["channels:manage", "groups:write"],
        ["conversations.setTopic"] = ["channels:manage", "groups:write"],
        ["conversations.setPurpose"] = ["channels:manage", "groups:write"],
        ["conversations.info"] = ["channels:read", "groups:read"],
        ["conversations.archive"] = ["channels:manage", "groups:write"],
        ["conversations.open"] = ["im:write"],
        ["conversations.members"] = ["channels:read", "groups:read"],
        ["conversations.list"] = ["channels:read", "groups:read"],
        // im:history: a retried job looks in the DM for the card or welcome whose answer was lost before posting it again.
        ["conversations.history"] = ["channels:history", "groups:history", "im:history"],
        // A retried job looks in a thread (a task card's, in a DM) for its reply whose answer was lost.
        ["conversations.replies"] = ["channels:history", "groups:history", "im:history"],
        ["usergroups.users.list"] = ["usergroups:read"],
        ["usergroups.list"] = ["usergroups:read"],
        // Workflow triggers may name the workspace (team_name).
        ["team.info"] = ["team:read"],
        // users:read.email: the email in a profile maps people to Jira accounts and goes to Sumo Logic.
        ["users.info"] = ["users:read", "users:read.email"],
        ["users.list"] = ["users:read", "users:read.email"],
        ["users.profile.get"] = ["users.profile:read"],
        ["bots.info"] = ["users:read"],
        ["views.open"] = [],
        ["views.publish"] = [],
        ["files.getUploadURLExternal"] = ["files:write"],
        ["files.completeUploadExternal"] = ["files:write"],
        // Called with the app-level token (its scope connections:write is granted on the token, not in the manifest).
        ["apps.connections.open"] = [],
    };

    /// <summary>Slack's required scopes per subscribed bot event.</summary>
    private static readonly Dictionary<string, string[]> EventScopes = new(StringComparer.Ordinal)
    {
        ["member_joined_channel"] = ["channels:read", "groups:read"],
        ["member_left_channel"] = ["channels:read", "groups:read"],
        ["channel_archive"] = ["channels:read"],
        ["group_archive"] = ["groups:read"],
        ["app_home_opened"] = [],
        ["message.channels"] = ["channels:history"],
        ["message.groups"] = ["groups:history"],
    };

    private static readonly Type[] Families =
        typeof(ISlackChatApi).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.Namespace == typeof(ISlackChatApi).Namespace && t.Name.StartsWith("ISlack", StringComparison.Ordinal) && t.Name.EndsWith("Api", StringComparison.Ordinal))
            .ToArray();

    [Fact]
    public void Every_web_api_method_the_code_can_call_has_its_scopes_in_the_table()
    {
        Assert.NotEmpty(Families);
        var missing = CalledMethods().Where(m => !MethodScopes.ContainsKey(m)).ToList();

        Assert.True(missing.Count == 0, "No scope entry for: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_manifest_asks_for_exactly_the_scopes_the_methods_and_events_need()
    {
        var manifest = Manifest();
        var needed = CalledMethods().SelectMany(m => MethodScopes[m])
            .Concat(BotEvents(manifest).SelectMany(e => EventScopes[e]))
            .Append("commands") // the slash commands and the message shortcut
            .Append("files:read") // workflow uploads: the file's url_private is downloaded with the bot token
            .ToHashSet(StringComparer.Ordinal);
        var declared = BotScopes(manifest);

        Assert.Empty(needed.Except(declared).Order(StringComparer.Ordinal));
        Assert.Empty(declared.Except(needed).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_subscribed_event_has_its_scopes_in_the_table()
    {
        Assert.All(BotEvents(Manifest()), e => Assert.True(EventScopes.ContainsKey(e), $"No scope entry for event {e}"));
    }

    private static IEnumerable<string> CalledMethods() =>
        Families.SelectMany(f => f.GetMethods())
            .Select(m => m.GetCustomAttribute<PostAttribute>()?.Path.TrimStart('/'))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private static string[] Manifest() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot(), "slack-app-manifest.yml"));

    private static HashSet<string> BotScopes(string[] lines) =>
        ListUnder(lines, "    bot:").ToHashSet(StringComparer.Ordinal);

    private static List<string> BotEvents(string[] lines) => ListUnder(lines, "    bot_events:");

    /// <summary>The "- item" lines right under a YAML key (the manifest's plain block lists).</summary>
    private static List<string> ListUnder(string[] lines, string key)
    {
        var start = Array.FindIndex(lines, l => l.TrimEnd() == key);
        Assert.True(start >= 0, $"'{key.Trim()}' not found in the manifest");
        return lines.Skip(start + 1)
            .TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l.Trim()[2..].Trim())
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IrBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("IrBot.sln not found above the test binaries");
    }
}
