using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IrBot.IntegrationTests.Infrastructure;

/// <summary>
/// The timeline's Confluence stand-in (FakeConfluence serves opening and archiving). A WireMock Confluence Cloud holding pages (v2 <c>/wiki/api/v2/pages/{id}</c>): GET answers the page with its
/// storage body and version; PUT checks the body is a complete v2 update and that the version is the current
/// one + 1 (else 409, as Confluence does), then stores it. Can be taken down, and can have someone edit a page
/// by hand just before the bot's next write.
/// </summary>
public sealed class TimelineConfluence : IDisposable
{
    public const string Email = "irbot@example.com";
    public const string ApiToken = "confluence-test-token";
    private readonly ConcurrentDictionary<string, TimelinePage> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Func<string, string>> _handEdits = new();
    private volatile bool _down;

    private TimelineConfluence(WireMockServer server)
    {
        Server = server;
        server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/wiki/api/v2/pages/*")).UsingGet())
            .RespondWith(Response.Create().WithCallback(Get));
        server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/wiki/api/v2/pages/*")).UsingPut())
            .RespondWith(Response.Create().WithCallback(Put));
    }

    public WireMockServer Server { get; }
    public string BaseUrl => Server.Url!;

    public static TimelineConfluence Start() => new(WireMockServer.Start());

    /// <summary>Settings that point IR Bot at this server, with short retry delays.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Confluence:BaseUrl"] = BaseUrl,
        ["Confluence:Email"] = Email,
        ["Confluence:ApiToken"] = ApiToken,
        ["Confluence:SpaceKey"] = "IR",
        ["Resilience:Confluence:MaxRetries"] = "1",
        ["Resilience:Confluence:BaseDelayMilliseconds"] = "1",
        ["Resilience:Confluence:CircuitMinimumThroughput"] = "1000",
    };

    public void AddPage(string id, string title, string body, int version = 1) => _pages[id] = new TimelinePage(title, body, version);

    public TimelinePage Page(string id) => _pages[id];

    /// <summary>Every 5xx until <see cref="Up"/>.</summary>
    public void Down() => _down = true;

    public void Up() => _down = false;

    /// <summary>Before the next PUT lands, a person saves this change (new version), so the PUT gets a 409.</summary>
    public void EditByHandBeforeNextWrite(Func<string, string> edit) => _handEdits.Enqueue(edit);

    public IReadOnlyList<JsonNode> Writes(string id) =>
        Server.LogEntries.Select(e => e.RequestMessage)
            .Where(r => r is not null && r.Method == "PUT" && r.Path == "/wiki/api/v2/pages/" + id)
            .OrderBy(r => r!.DateTime)
            .Select(r => JsonNode.Parse(r!.Body ?? "{}")!)
            .ToList();

    public int Reads(string id) =>
        Server.LogEntries.Count(e => e.RequestMessage?.Method == "GET" && e.RequestMessage.Path == "/wiki/api/v2/pages/" + id);

    public void Dispose() => Server.Stop();

    private ResponseMessage Get(IRequestMessage request)
    {
        if (_down)
        {
            return Json(503, Errors(503, "SERVICE_UNAVAILABLE", "Service unavailable"));
        }

        var id = request.Path["/wiki/api/v2/pages/".Length..];
        if (!(request.Query is { } query && query.TryGetValue("body-format", out var format) && format.Contains("storage")))
        {
            return Json(400, Errors(400, "INVALID_REQUEST_PARAMETER", "body-format=storage expected by this fake"));
        }

        return _pages.TryGetValue(id, out var page) ? Json(200, PageJson(id, page)) : Json(404, Errors(404, "NOT_FOUND", "Page not found"));
    }

    private ResponseMessage Put(IRequestMessage request)
    {
        if (_down)
        {
            return Json(503, Errors(503, "SERVICE_UNAVAILABLE", "Service unavailable"));
        }

        var id = request.Path["/wiki/api/v2/pages/".Length..];
        if (!_pages.TryGetValue(id, out var page))
        {
            return Json(404, Errors(404, "NOT_FOUND", "Page not found"));
        }

        var auth = request.Headers is { } headers && headers.TryGetValue("Authorization", out var values) ? values.FirstOrDefault() : null;
        var expectedAuth = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"));
        if (auth != expectedAuth)
        {
            return Json(401, Errors(401, "UNAUTHORIZED", "Bad credentials"));
        }

        var body = JsonNode.Parse(request.Body ?? "{}")!;
        var number = (int?)body["version"]?["number"];
        var value = (string?)body["body"]?["value"];
        if ((string?)body["id"] != id || (string?)body["status"] is null || (string?)body["title"] is null
            || (string?)body["body"]?["representation"] != "storage" || value is null || number is null)
        {
            return Json(400, Errors(400, "INVALID_REQUEST_PARAMETER", "id, status, title, body{representation,value} and version.number are required"));
        }

        lock (page)
        {
            if (_handEdits.TryDequeue(out var edit))
            {
                page.Body = edit(page.Body);
                page.Version++;
            }

            if (number != page.Version + 1)
            {
                return Json(409, Errors(409, "CONFLICT", $"Version must be {page.Version + 1}"));
            }

            page.Body = value;
            page.Version = number.Value;
            page.Title = (string)body["title"]!;
            return Json(200, PageJson(id, page));
        }
    }

    private static JsonObject PageJson(string id, TimelinePage page) => new()
    {
        ["id"] = id,
        ["status"] = "current",
        ["title"] = page.Title,
        ["spaceId"] = "65540",
        ["parentId"] = "65541",
        ["authorId"] = "557058:bot",
        ["createdAt"] = "2026-11-25T08:00:00.000Z",
        ["version"] = new JsonObject { ["number"] = page.Version, ["message"] = string.Empty, ["minorEdit"] = false, ["authorId"] = "557058:bot", ["createdAt"] = "2026-11-25T08:00:00.000Z" },
        ["body"] = new JsonObject { ["storage"] = new JsonObject { ["representation"] = "storage", ["value"] = page.Body } },
        ["_links"] = new JsonObject { ["webui"] = $"/spaces/IR/pages/{id}/Incident", ["editui"] = $"/pages/resumedraft.action?draftId={id}", ["tinyui"] = "/x/AbC", ["base"] = "https://example.atlassian.net/wiki" },
    };

    private static JsonObject Errors(int status, string code, string title) => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["status"] = status, ["code"] = code, ["title"] = title, ["detail"] = null }),
    };

    private static ResponseMessage Json(int status, JsonObject body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
    };
}

public sealed class TimelinePage(string title, string body, int version)
{
    public string Title { get; set; } = title;
    public string Body { get; set; } = body;
    public int Version { get; set; } = version;
}
