using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.IntegrationTests.Hosting;

/// <summary>The app manifest a workspace admin pastes must declare everything the running bot answers to.</summary>
[Collection(SharedApp.Intake)]
public sealed class ManifestTests(SharedApp shared)
{
    [Fact]
    public async Task The_manifest_declares_every_command_shortcut_and_endpoint_the_bot_serves()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "slack-app-manifest.yml"));
        var app = await shared.ResetAsync();

        var usageHint = manifest.Split('\n').First(l => l.Contains("usage_hint", StringComparison.Ordinal) && l.Contains("incident", StringComparison.Ordinal));
        foreach (var subcommand in Keys(app, typeof(ISubcommand)))
        {
            if (subcommand.StartsWith('/'))
            {
                Assert.Contains($"command: {subcommand}\n", manifest, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(subcommand, usageHint, StringComparison.Ordinal);
            }
        }

        foreach (var shortcut in Keys(app, typeof(IShortcutHandler)))
        {
            Assert.Contains($"callback_id: {shortcut}", manifest, StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/slack/commands", "/slack/interactivity", "/slack/events" })
        {
            Assert.Contains(path, manifest, StringComparison.Ordinal);
        }

        foreach (var eventType in Keys(app, typeof(ISlackEventHandler)))
        {
            Assert.Contains($"- {eventType}", manifest, StringComparison.Ordinal);
        }

        // External selects get their options from the options load URL, which the interactivity endpoint answers.
        if (Keys(app, typeof(IBlockSuggestionHandler)).Any())
        {
            Assert.Contains("options_load_url: https://irbot.example.com/slack/interactivity\n", manifest.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_manifest_lets_workflows_read_channel_messages_and_manage_channels()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "slack-app-manifest.yml"));

        // Message triggers: the message events of public and private channels, and the scopes to read them.
        foreach (var line in new[] { "- message.channels", "- message.groups", "- channels:history", "- groups:history" })
        {
            Assert.Contains(line + "\n", manifest, StringComparison.Ordinal);
        }

        // Actions and management: channels made, topics, purposes, invites, archives; users, groups, the workspace, uploads.
        foreach (var scope in new[] { "channels:manage", "groups:write", "channels:read", "groups:read", "users:read", "usergroups:read", "team:read", "files:read", "chat:write" })
        {
            Assert.Contains($"- {scope}\n", manifest, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_manifest_enables_the_home_tab_and_the_scope_of_the_statistics_export()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "slack-app-manifest.yml"));

        Assert.Contains("home_tab_enabled: true", manifest, StringComparison.Ordinal);
        Assert.Contains("- app_home_opened", manifest, StringComparison.Ordinal);
        // files.getUploadURLExternal and files.completeUploadExternal; the DM needs im:write.
        Assert.Contains("- files:write", manifest, StringComparison.Ordinal);
        Assert.Contains("- im:write", manifest, StringComparison.Ordinal);
        Assert.Contains("- users:read\n", manifest.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Keys(IrBotApp app, Type handlers) =>
        app.Services.GetRequiredKeyedService<HandlerRegistry>(handlers).Entries.Select(e => e.Key);

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
