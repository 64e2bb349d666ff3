using System.Net;
using System.Reflection;
using System.Text;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Refit;

namespace IrBot.Tests.Slack.WebApi;

public sealed class SlackWebApiFamiliesTests
{
    /// <summary>Each family and the Slack method-name prefix its methods must use.</summary>
    public static TheoryData<Type, string> Families() => new()
    {
        { typeof(ISlackAuthApi), "auth" },
        { typeof(ISlackChatApi), "chat" },
        { typeof(ISlackConversationsApi), "conversations" },
        { typeof(ISlackUsersApi), "(users|bots)" }, // bots.info: who wrote a bot message
        { typeof(ISlackUserGroupsApi), "usergroups" },
        { typeof(ISlackViewsApi), "views" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_method_of_a_family_posts_to_a_slack_method_of_that_family(Type family, string prefix)
    {
        var methods = family.GetMethods();

        Assert.NotEmpty(methods);
        Assert.All(methods, m =>
        {
            var post = m.GetCustomAttribute<PostAttribute>();
            Assert.True(post is not null, $"{family.Name}.{m.Name} has no [Post]");
            Assert.Matches($"^/{prefix}\\.[a-z][A-Za-z.]*$", post.Path);
        });
    }

    [Fact]
    public void Every_family_is_registered()
    {
        using var provider = Services(new Capture()).BuildServiceProvider();

        foreach (var family in Families().Select(row => (Type)row[0]))
        {
            Assert.NotNull(provider.GetService(family));
        }
    }

    [Fact]
    public async Task A_read_is_sent_as_snake_case_form_fields_without_the_unset_ones()
    {
        var capture = new Capture("""{"ok":true,"messages":[]}""");
        await using var provider = Services(capture).BuildServiceProvider();

        await provider.GetRequiredService<ISlackConversationsApi>().HistoryAsync(
            new ReadConversationHistory { Channel = "C1", Limit = 100, IncludeAllMetadata = true });
        await provider.GetRequiredService<ISlackConversationsApi>().ListAsync(
            new ListConversations { Types = "public_channel", ExcludeArchived = true, Limit = 200 });

        Assert.Equal("https://slack.test/api/conversations.history", capture.Uris[0]);
        Assert.Equal("channel=C1&limit=100&include_all_metadata=true", capture.Bodies[0]);
        Assert.Equal("types=public_channel&exclude_archived=true&limit=200", capture.Bodies[1]);
        Assert.All(capture.ContentTypes, t => Assert.Equal("application/x-www-form-urlencoded", t));
    }

    [Fact]
    public async Task A_write_is_sent_as_snake_case_json_with_the_bot_token()
    {
        var capture = new Capture("""{"ok":true,"channel":"C1","ts":"1.2"}""");
        await using var provider = Services(capture).BuildServiceProvider();

        var posted = await provider.GetRequiredService<ISlackChatApi>().PostMessageAsync(
            new ChatMessage { Channel = "C1", Text = "hi", ThreadTs = "1.1" });

        Assert.Equal("1.2", posted.Ts);
        Assert.Equal("""{"channel":"C1","text":"hi","thread_ts":"1.1"}""", capture.Bodies[0]);
        Assert.Equal("Bearer xoxb-test", capture.Authorizations[0]);
    }

    [Fact]
    public async Task Ok_false_from_any_family_throws_slacks_error()
    {
        await using var provider = Services(new Capture("""{"ok":false,"error":"user_not_found"}""")).BuildServiceProvider();

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            provider.GetRequiredService<ISlackUsersApi>().InfoAsync(new GetUserInfo { User = "U1" }));

        Assert.Equal("users.info", error.Method);
        Assert.Equal("user_not_found", error.Error);
    }

    [Fact]
    public async Task Apps_connections_open_carries_the_app_token_not_the_bot_token()
    {
        var capture = new Capture("""{"ok":true,"url":"wss://wss-primary.slack.com/link/?ticket=t1&app_id=A1"}""");
        await using var provider = Services(capture).BuildServiceProvider();

        var answer = await provider.GetRequiredService<ISlackAppsApi>().OpenConnectionAsync("xapp-1-A1-2-abc");

        Assert.Equal("wss://wss-primary.slack.com/link/?ticket=t1&app_id=A1", answer.Url);
        Assert.Equal("https://slack.test/api/apps.connections.open", Assert.Single(capture.Uris));
        Assert.Equal("Bearer xapp-1-A1-2-abc", Assert.Single(capture.Authorizations));
    }

    private static ServiceCollection Services(Capture capture)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slack:SigningSecret"] = "secret",
                ["Slack:BotToken"] = "xoxb-test",
                ["Slack:ApiBaseUrl"] = "https://slack.test/api/",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSlackWebApi(configuration);
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = capture));
        return services;
    }

    /// <summary>Answers every call with one body and records what was sent.</summary>
    private sealed class Capture(string body = """{"ok":true}""") : HttpMessageHandler
    {
        public List<string> Uris { get; } = [];
        public List<string> Bodies { get; } = [];
        public List<string?> ContentTypes { get; } = [];
        public List<string?> Authorizations { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uris.Add(request.RequestUri!.ToString());
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            ContentTypes.Add(request.Content?.Headers.ContentType?.MediaType);
            Authorizations.Add(request.Headers.Authorization?.ToString());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
