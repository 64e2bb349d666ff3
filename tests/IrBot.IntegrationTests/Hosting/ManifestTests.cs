using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.SlackApp;
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
        await using var scope = app.Services.CreateAsyncScope();

        var usageHint = manifest.Split('\n').First(l => l.Contains("usage_hint", StringComparison.Ordinal) && l.Contains("incident", StringComparison.Ordinal));
        foreach (var subcommand in scope.ServiceProvider.GetServices<ISubcommand>())
        {
            if (subcommand.Name.StartsWith('/'))
            {
                Assert.Contains($"command: {subcommand.Name}\n", manifest, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(subcommand.Name, usageHint, StringComparison.Ordinal);
            }
        }

        foreach (var shortcut in scope.ServiceProvider.GetServices<IShortcutHandler>())
        {
            Assert.Contains($"callback_id: {shortcut.CallbackId}", manifest, StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/slack/commands", "/slack/interactivity", "/slack/events" })
        {
            Assert.Contains(path, manifest, StringComparison.Ordinal);
        }

        foreach (var handler in scope.ServiceProvider.GetServices<ISlackEventHandler>())
        {
            Assert.Contains($"- {handler.EventType}", manifest, StringComparison.Ordinal);
        }
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
