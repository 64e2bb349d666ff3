using System.Net;
using IrBot.Incidents;
using IrBot.Integrations.Confluence;
using IrBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>
/// The page status in each space configuration, through the real Confluence client (HTTP, resilience) against a
/// fake that keeps per-space content-state settings, refuses a custom state where the space forbids one and
/// counts page versions; then once through a whole opening and archive.
/// </summary>
public sealed class ConfluencePageStatusTests
{
    private const string PageId = "777001";
    private const string Body = "<h2>Summary</h2><p>Suspicious logins</p>";

    [Fact]
    public async Task In_a_new_space_In_progress_is_the_spaces_own_state_by_id_and_a_second_run_writes_nothing()
    {
        using var fake = Arrange();
        await using var services = Client(fake, out var confluence);

        Assert.Equal(PageStatusOutcome.SpaceState, await SetAsync(confluence, PageStatus.InProgress));
        Assert.Equal(PageStatusOutcome.Unchanged, await SetAsync(confluence, PageStatus.InProgress));

        var page = fake.Page(PageId);
        Assert.Equal(("In progress", 1L), (page.State, page.StateId));
        Assert.Equal(2, page.Version);
        Assert.Equal(["PUT {\"id\":1}"], fake.StateWrites(PageId));
        Assert.Equal(Body, page.Body);
    }

    [Fact]
    public async Task Where_custom_states_are_allowed_Resolved_is_a_custom_state_and_a_resume_writes_nothing()
    {
        using var fake = Arrange();
        await using var services = Client(fake, out var confluence);
        await SetAsync(confluence, PageStatus.InProgress);

        Assert.Equal(PageStatusOutcome.CustomState, await SetAsync(confluence, PageStatus.Resolved));
        Assert.Equal(PageStatusOutcome.Unchanged, await SetAsync(confluence, PageStatus.Resolved));

        var page = fake.Page(PageId);
        Assert.Equal(("Resolved", "#57d9a3"), (page.State, page.StateColor));
        Assert.Equal(3, page.Version);
        Assert.Equal(2, fake.StateWrites(PageId).Count);
    }

    [Fact]
    public async Task A_state_named_Resolved_made_by_the_space_admins_is_used_rather_than_a_custom_one()
    {
        using var fake = Arrange();
        fake.States().SpaceContentStates.Add((42, "RESOLVED", "#00875a"));
        await using var services = Client(fake, out var confluence);

        Assert.Equal(PageStatusOutcome.SpaceState, await SetAsync(confluence, PageStatus.Resolved));

        Assert.Equal(42L, fake.Page(PageId).StateId);
        Assert.Equal(["PUT {\"id\":42}"], fake.StateWrites(PageId));
    }

    [Fact]
    public async Task Where_custom_states_are_forbidden_Resolved_is_a_status_line_and_the_In_progress_state_is_cleared_once()
    {
        using var fake = Arrange();
        fake.States().NoCustom();
        await using var services = Client(fake, out var confluence);
        await SetAsync(confluence, PageStatus.InProgress);

        Assert.Equal(PageStatusOutcome.StatusLine, await SetAsync(confluence, PageStatus.Resolved));
        var version = fake.Page(PageId).Version;
        Assert.Equal(PageStatusOutcome.Unchanged, await SetAsync(confluence, PageStatus.Resolved));

        var page = fake.Page(PageId);
        Assert.Null(page.State);
        Assert.Equal(version, page.Version);
        Assert.StartsWith("<p><ac:structured-macro ac:name=\"anchor\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<ac:parameter ac:name=\"title\">Resolved</ac:parameter>", page.Body, StringComparison.Ordinal);
        Assert.EndsWith(Body, page.Body, StringComparison.Ordinal);
        Assert.Equal(["PUT {\"id\":1}", "DELETE"], fake.StateWrites(PageId));
        Assert.Empty(fake.StateRefusals);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Where_page_status_is_off_the_status_line_says_it_is_replaced_not_repeated_and_no_state_is_written()
    {
        using var fake = Arrange();
        fake.States().Off();
        await using var services = Client(fake, out var confluence);

        Assert.Equal(PageStatusOutcome.StatusLine, await SetAsync(confluence, PageStatus.InProgress));
        Assert.Equal(PageStatusOutcome.Unchanged, await SetAsync(confluence, PageStatus.InProgress));
        Assert.Equal(PageStatusOutcome.StatusLine, await SetAsync(confluence, PageStatus.Resolved));

        var page = fake.Page(PageId);
        Assert.Equal(3, page.Version);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Body, ConfluencePageStatus.Anchor));
        Assert.Contains(">Resolved</ac:parameter>", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(">In progress</ac:parameter>", page.Body, StringComparison.Ordinal);
        Assert.Empty(fake.StateWrites(PageId));
    }

    [Fact]
    public async Task Without_space_admin_the_pages_available_states_decide_and_nothing_is_refused()
    {
        using var fake = Arrange();
        fake.States().NoCustom().BotIsSpaceAdmin = false;
        await using var services = Client(fake, out var confluence);

        Assert.Equal(PageStatusOutcome.SpaceState, await SetAsync(confluence, PageStatus.InProgress));
        Assert.Equal(PageStatusOutcome.StatusLine, await SetAsync(confluence, PageStatus.Resolved));

        Assert.Equal(2, fake.Count("GET", $"/wiki/rest/api/content/{PageId}/state/available"));
        Assert.Empty(fake.StateRefusals);
        Assert.Contains(">Resolved</ac:parameter>", fake.Page(PageId).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_refuses_a_custom_state_where_the_space_forbids_them_as_Confluence_does()
    {
        using var fake = Arrange();
        fake.States().NoCustom();
        await using var services = Client(fake, out var confluence);

        var refused = await Assert.ThrowsAsync<ApiException>(() =>
            confluence.SetContentStateAsync(PageId, new ContentState { Name = "Resolved", Color = "#57d9a3" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"statusCode\":400", refused.Content, StringComparison.Ordinal);
        Assert.Single(fake.StateRefusals);
        Assert.Equal(1, fake.Page(PageId).Version);
    }

    [Fact]
    public async Task Opening_and_archiving_in_a_space_without_custom_states_shows_In_progress_then_a_Resolved_status_line()
    {
        await using var env = await IncidentIntegrations.StartAsync((confluence, _) => confluence.States().NoCustom());
        var incident = await env.OpenAsync("Token leak");
        var page = Assert.Single(env.Confluence.Pages);
        Assert.Equal("In progress", page.State);

        await env.App.SendCommandAsync("archive", IrBotApp.IrMember, incident.ChannelId!);
        await env.App.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "NoImpact", "leak", "Rotated the token."));
        await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident is closed");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Null(page.State);
        Assert.Contains(">Resolved</ac:parameter>", page.Body, StringComparison.Ordinal);
        Assert.Empty(env.Confluence.StateRefusals);
        Assert.Empty(env.Confluence.Violations);
        Assert.Empty(env.App.Slack.PostedTo(IrBotApp.AdminChannel));
    }

    private static FakeConfluence Arrange()
    {
        var fake = FakeConfluence.Start();
        fake.AddPage(PageId, "ir-20261130: Suspicious logins", Body);
        return fake;
    }

    private static Task<PageStatusOutcome> SetAsync(IConfluenceApi confluence, PageStatus status) =>
        ConfluencePageStatus.SetAsync(confluence, FakeConfluence.SpaceKey, PageId, status, CancellationToken.None);

    /// <summary>The bot's own Confluence client (settings, auth, resilience), pointed at the fake.</summary>
    private static ServiceProvider Client(FakeConfluence fake, out IConfluenceApi confluence)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var settings = fake.Settings();
        // Generous per-attempt time: a retried write after a slow answer would blur what each run wrote.
        settings["Resilience:Confluence:AttemptTimeoutSeconds"] = "20";
        settings["Resilience:Confluence:TotalTimeoutSeconds"] = "60";
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddConfluence();
        var provider = services.BuildServiceProvider();
        confluence = provider.GetRequiredService<IConfluenceApi>();
        return provider;
    }
}
