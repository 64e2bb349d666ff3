using IrBot.Integrations;
using IrBot.Integrations.Confluence;
using IrBot.Integrations.Jira;
using IrBot.Integrations.SumoLogic;
using IrBot.Integrations.TheHive;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Hosting;

/// <summary>
/// <c>check-config --probe</c>: one read-only call per system that is on, one line each (<c>Slack: ok</c>,
/// <c>Jira: FAILED: why</c>). Nothing is created: Sumo Logic's collector only accepts data, so it is not called.
/// </summary>
public static class ConfigProbes
{
    public static async Task<IReadOnlyList<(string Line, bool Failed)>> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var results = new List<(string, bool)>();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        results.Add(await TryAsync("Slack", async () =>
        {
            var auth = await sp.GetRequiredService<ISlackAuthApi>().TestAsync(cancellationToken);
            return $"bot user {auth.UserId}";
        }));

        if (sp.GetRequiredService<IOptions<ConfluenceOptions>>().Value is { Enabled: true } confluence)
        {
            results.Add(await TryAsync("Confluence", async () =>
            {
                var spaces = await sp.GetRequiredService<IConfluenceApi>().GetSpacesAsync(confluence.SpaceKey ?? string.Empty, cancellationToken);
                return spaces.Results.Count > 0 ? $"space {confluence.SpaceKey}" : throw new InvalidOperationException($"the space {confluence.SpaceKey} (Confluence:SpaceKey) is not there or not visible to this user");
            }));
        }

        if (sp.GetRequiredService<IOptions<JiraOptions>>().Value is { Enabled: true } jira)
        {
            results.Add(await TryAsync("Jira", async () =>
            {
                await sp.GetRequiredService<IJiraApi>().GetCreateMetaIssueTypesAsync(jira.ProjectKey ?? string.Empty, cancellationToken: cancellationToken);
                return $"project {jira.ProjectKey}";
            }));
        }

        if (sp.GetRequiredService<IOptions<TheHiveOptions>>().Value.Enabled)
        {
            results.Add(await TryAsync("TheHive", async () =>
            {
                var user = await sp.GetRequiredService<ITheHiveApi>().CurrentUserAsync(cancellationToken);
                return user.TryGetProperty("login", out var login) ? $"user {login.GetString()}" : "user accepted";
            }));
        }

        if (sp.GetRequiredService<IOptions<SumoLogicOptions>>().Value.Enabled)
        {
            results.Add(("Sumo Logic: not probed (its collector only accepts data; a probe would send some)", false));
        }

        return results;

        async Task<(string, bool)> TryAsync(string system, Func<Task<string>> probe)
        {
            try
            {
                return ($"{system}: ok ({await probe()})", false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return ($"{system}: FAILED: {IntegrationErrors.Describe(ex)}", true);
            }
        }
    }
}
