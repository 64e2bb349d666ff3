using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IrBot.TestSupport;

/// <summary>
/// A WireMock server that answers like Confluence Cloud (v2 pages, v1 templates, labels and content state),
/// holding pages in memory with versions (a stale version gets v2's 409). Serves the opening and archive
/// (spaces, template, create/find/update, labels, content states as each space allows them: see
/// <see cref="States"/>) and the timeline (pages seeded with <see cref="AddPage"/>,
/// edits by hand before the bot's next write, outages). Every request is checked against the shape in the
/// vendor's spec; anything off is answered 400 and listed in <see cref="Violations"/>.
/// </summary>
public sealed partial class FakeConfluence : IDisposable
{
    public const string SpaceKey = "IR";
    public const string SpaceId = "65537";
    public const string ParentPageId = "98765";
    public const string TemplateId = "4242";
    public const string Email = "irbot@example.com";
    public const string ApiToken = "confluence-token-secret";

    public const string TemplateBody =
        "<at:declarations><at:string at:name=\"title\" /><at:string at:name=\"owner\" /></at:declarations>"
        + "<h2>Incident</h2><p><at:var at:name=\"title\" /></p><p>Owner: <at:var at:name=\"owner\" /></p><h2>Timeline</h2>";

    private readonly ConcurrentDictionary<string, FakePage> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, int Status, TimeSpan Delay)> _faults = new();
    private readonly ConcurrentQueue<Func<string, string>> _handEdits = new();
    private int _nextId = 300000;

    private FakeConfluence(WireMockServer server)
    {
        Server = server;
        Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(Handle));
    }

    public WireMockServer Server { get; }
    public string BaseUrl => Server.Url!;
    public ConcurrentQueue<string> Violations { get; } = new();
    public IReadOnlyCollection<FakePage> Pages => _pages.Values.ToList();

    /// <summary>Every call answers 503 while true.</summary>
    public bool Down { get; set; }

    public static FakeConfluence Start() => new(WireMockServer.Start());

    /// <summary>Settings that turn Confluence on against this fake, with short resilience delays.</summary>
    /// <summary>
    /// The site people browse. Set it to stand for the scoped-token gateway (api.atlassian.com), whose
    /// answers link to the site, not to the URL called; null: the fake's own URL, like a site called directly.
    /// </summary>
    public string? SiteUrl { get; set; }

    private string LinkBase => SiteUrl ?? BaseUrl;

    public IDictionary<string, string?> Settings(bool template = true) => new Dictionary<string, string?>
    {
        ["Confluence:BaseUrl"] = BaseUrl,
        ["Confluence:Email"] = Email,
        ["Confluence:ApiToken"] = ApiToken,
        ["Confluence:SpaceKey"] = SpaceKey,
        ["Confluence:ParentPageId"] = ParentPageId,
        ["Confluence:TemplateId"] = template ? TemplateId : null,
        ["Resilience:Confluence:BaseDelayMilliseconds"] = "10",
        ["Resilience:Confluence:AttemptTimeoutSeconds"] = "1",
        ["Resilience:Confluence:TotalTimeoutSeconds"] = "5",
        ["Resilience:Confluence:CircuitBreakSeconds"] = "1",
    };

    /// <summary>
    /// The next <paramref name="count"/> calls of an operation (<c>create</c>, <c>update</c>, <c>get</c>, <c>find</c>,
    /// <c>label</c>, <c>state</c>) answer <paramref name="status"/>; status 0 means: do the operation, then answer
    /// only after <paramref name="delay"/> (a create that happened but whose answer was lost). For a 409 on an
    /// update, use <see cref="EditByHandBeforeNextWrite"/>.
    /// </summary>
    public void Fail(string operation, int status, int count = 1, TimeSpan? delay = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((operation, status, delay ?? TimeSpan.Zero));
        }
    }

    public int Count(string method, string pathPrefix) =>
        Server.LogEntries.Count(e => e.RequestMessage?.Method == method && e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>A page that already exists (made by hand, or by an earlier opening), under the parent page.</summary>
    public void AddPage(string id, string title, string body, int version = 1) =>
        _pages[id] = new FakePage(id, title, ParentPageId, body) { Version = version };

    public FakePage Page(string id) => _pages[id];

    /// <summary>Before the next page update lands, a person saves this change (a new version), so the update gets a 409.</summary>
    public void EditByHandBeforeNextWrite(Func<string, string> edit) => _handEdits.Enqueue(edit);

    /// <summary>The bodies of the updates of a page, oldest first.</summary>
    public IReadOnlyList<JsonNode> Writes(string id) =>
        Server.LogEntries.Select(e => e.RequestMessage)
            .Where(r => r is not null && r.Method == "PUT" && r.Path == "/wiki/api/v2/pages/" + id)
            .OrderBy(r => r!.DateTime)
            .Select(r => JsonNode.Parse(r!.Body ?? "{}")!)
            .ToList();

    public void Dispose() => Server.Stop();

    private ResponseMessage Handle(IRequestMessage request)
    {
        var method = request.Method;
        var path = request.Path;
        if (!string.Equals(Header(request, "Authorization"), "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Email}:{ApiToken}")), StringComparison.Ordinal))
        {
            return V2Error(401, "UNAUTHORIZED", "Basic authentication with email and API token required");
        }

        var operation = (method, path) switch
        {
            ("GET", "/wiki/api/v2/spaces") => "spaces",
            ("GET", "/wiki/api/v2/pages") => "find",
            ("POST", "/wiki/api/v2/pages") => "create",
            ("GET", _) when path.StartsWith("/wiki/api/v2/pages/", StringComparison.Ordinal) => "get",
            ("PUT", _) when path.StartsWith("/wiki/api/v2/pages/", StringComparison.Ordinal) => "update",
            ("GET", _) when path.StartsWith("/wiki/rest/api/template/", StringComparison.Ordinal) => "template",
            ("POST", _) when LabelPath().IsMatch(path) => "label",
            ("PUT", _) when StatePath().IsMatch(path) => "state",
            ("GET", _) when StatePath().IsMatch(path) => "state-get",
            ("DELETE", _) when StatePath().IsMatch(path) => "state-delete",
            ("GET", _) when AvailableStatesPath().IsMatch(path) => "state-available",
            ("GET", _) when StateSettingsPath().IsMatch(path) => "state-settings",
            _ => "unknown",
        };

        if (Down)
        {
            return V2Error(503, "SERVICE_UNAVAILABLE", "Service unavailable");
        }

        var fault = TakeFault(operation);
        if (fault is { Status: > 0 } f)
        {
            return V2Error(f.Status, "SERVICE_UNAVAILABLE", "Injected failure");
        }

        var response = operation switch
        {
            "spaces" => Query(request, "keys") == SpaceKey
                ? Json(200, new JsonObject { ["results"] = new JsonArray(new JsonObject { ["id"] = SpaceId, ["key"] = SpaceKey, ["name"] = "Incident response" }) })
                : Json(200, new JsonObject { ["results"] = new JsonArray() }),
            "find" => Find(request),
            "create" => Create(request),
            "get" => Get(path["/wiki/api/v2/pages/".Length..], request),
            "update" => Update(path["/wiki/api/v2/pages/".Length..], request),
            "template" => path.EndsWith("/" + TemplateId, StringComparison.Ordinal)
                ? Json(200, new JsonObject
                {
                    ["templateId"] = TemplateId,
                    ["name"] = "Major incident",
                    ["templateType"] = "page",
                    ["body"] = new JsonObject { ["storage"] = new JsonObject { ["value"] = TemplateBody, ["representation"] = "storage" } },
                })
                : Json(403, new JsonObject { ["statusCode"] = 403, ["message"] = "No such template" }),
            "label" => Label(LabelPath().Match(path).Groups[1].Value, request),
            "state" => State(StatePath().Match(path).Groups[1].Value, request),
            "state-get" => GetState(StatePath().Match(path).Groups[1].Value, request),
            "state-delete" => RemoveState(StatePath().Match(path).Groups[1].Value, request),
            "state-available" => AvailableStates(AvailableStatesPath().Match(path).Groups[1].Value),
            "state-settings" => StateSettings(StateSettingsPath().Match(path).Groups[1].Value),
            _ => Json(404, new JsonObject { ["message"] = $"No fake for {method} {path}" }),
        };

        if (fault is { Status: 0 } slow)
        {
            // The work is done; only the answer is late (the client gives up first).
            Thread.Sleep(slow.Delay);
        }

        return response;
    }

    private ResponseMessage Find(IRequestMessage request)
    {
        var title = Query(request, "title");
        var space = Query(request, "space-id");
        // As v2 lists do: each result's links without base, the base once in the list's links.
        var found = _pages.Values.Where(p => p.Title == title && space == SpaceId).Select(p => (JsonNode)p.ToJson(LinkBase, withBody: false, withBase: false)).ToArray();
        return Json(200, new JsonObject { ["results"] = new JsonArray(found), ["_links"] = new JsonObject { ["base"] = LinkBase + "/wiki" } });
    }

    private ResponseMessage Create(IRequestMessage request)
    {
        var body = Parse(request);
        var problems = new List<string>();
        Require(problems, (string?)body["spaceId"] == SpaceId, "spaceId must be the space's id (from /spaces?keys=)");
        Require(problems, (string?)body["status"] is "current" or "draft", "status must be current or draft");
        Require(problems, !string.IsNullOrWhiteSpace((string?)body["title"]), "title is required");
        Require(problems, body["parentId"] is null || body["parentId"]!.GetValueKind() == System.Text.Json.JsonValueKind.String, "parentId must be a string");
        Require(problems, (string?)body["body"]?["representation"] == "storage" && body["body"]?["value"] is not null, "body must be {representation: storage, value}");
        if (problems.Count > 0)
        {
            return BadRequest(problems);
        }

        if (_pages.Values.Any(p => p.Title == (string)body["title"]!))
        {
            return BadRequest(["A page with this title already exists in this space"]);
        }

        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var page = new FakePage(id, (string)body["title"]!, (string?)body["parentId"], (string)body["body"]!["value"]!);
        _pages[id] = page;
        return Json(200, page.ToJson(LinkBase, withBody: true));
    }

    private ResponseMessage Get(string id, IRequestMessage request)
    {
        var problems = new List<string>();
        Require(problems, Query(request, "body-format") == "storage", "body-format=storage is required to read the body in storage format");
        if (problems.Count > 0)
        {
            return BadRequest(problems);
        }

        return _pages.TryGetValue(id, out var page)
            ? Json(200, page.ToJson(LinkBase, withBody: true))
            : V2Error(404, "NOT_FOUND", "No page with this id");
    }

    private ResponseMessage Update(string id, IRequestMessage request)
    {
        if (!_pages.TryGetValue(id, out var page))
        {
            return V2Error(404, "NOT_FOUND", "No page with this id");
        }

        var body = Parse(request);
        var problems = new List<string>();
        Require(problems, (string?)body["id"] == id, "id is required and must match the path");
        Require(problems, (string?)body["status"] is "current" or "draft", "status is required");
        Require(problems, !string.IsNullOrWhiteSpace((string?)body["title"]), "title is required");
        Require(problems, (string?)body["body"]?["representation"] == "storage" && body["body"]?["value"] is not null, "body must be {representation: storage, value}");
        Require(problems, body["version"]?["number"] is not null, "version.number is required");
        if (problems.Count > 0)
        {
            return BadRequest(problems);
        }

        lock (page)
        {
            if (_handEdits.TryDequeue(out var edit))
            {
                // Someone saves the page in the browser just before this write: its version is now stale.
                page.Body = edit(page.Body);
                page.Version++;
            }

            if ((int)body["version"]!["number"]! != page.Version + 1)
            {
                return V2Error(409, "CONFLICT", $"Version must be incremented on update. Current version is: {page.Version}");
            }

            page.Body = (string)body["body"]!["value"]!;
            page.Title = (string)body["title"]!;
            page.Version++;
            page.Updates++;
        }

        return Json(200, page.ToJson(LinkBase, withBody: true));
    }

    private ResponseMessage Label(string id, IRequestMessage request)
    {
        if (!_pages.TryGetValue(id, out var page))
        {
            return Json(404, new JsonObject { ["statusCode"] = 404, ["message"] = "No content with this id" });
        }

        var problems = new List<string>();
        if (Parse(request) is not JsonArray labels)
        {
            return BadRequest(["labels must be an array of {prefix, name}"]);
        }

        foreach (var label in labels)
        {
            var name = (string?)label?["name"];
            Require(problems, (string?)label?["prefix"] == "global", "label prefix must be global");
            Require(problems, name is { Length: > 0 } && !name.Contains(' ', StringComparison.Ordinal) && string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal), $"label name '{name}' must be lower case without spaces");
            if (name is not null)
            {
                page.Labels.Add(name);
            }
        }

        return problems.Count > 0
            ? BadRequest(problems)
            : Json(200, new JsonObject { ["results"] = new JsonArray(page.Labels.Select(l => (JsonNode)new JsonObject { ["prefix"] = "global", ["name"] = l }).ToArray()) });
    }

    private (string Operation, int Status, TimeSpan Delay)? TakeFault(string operation)
    {
        lock (_faults)
        {
            var all = _faults.ToList();
            var index = all.FindIndex(f => f.Operation == operation);
            if (index < 0)
            {
                return null;
            }

            _faults.Clear();
            for (var i = 0; i < all.Count; i++)
            {
                if (i != index)
                {
                    _faults.Enqueue(all[i]);
                }
            }

            return all[index];
        }
    }

    private void Require(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
            Violations.Enqueue(problem);
        }
    }

    internal static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string? Query(IRequestMessage request, string key) =>
        request.Query is not null && request.Query.TryGetValue(key, out var values) ? values.FirstOrDefault() : null;

    private static JsonNode Parse(IRequestMessage request) => JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body) ?? new JsonObject();

    private static ResponseMessage BadRequest(IEnumerable<string> problems) =>
        V2Error(400, "INVALID_REQUEST_PARAMETER", string.Join("; ", problems));

    private static ResponseMessage V2Error(int status, string code, string title) =>
        Json(status, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["status"] = status, ["code"] = code, ["title"] = title, ["detail"] = null }) });

    internal static ResponseMessage Json(int status, JsonNode body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
    };

    [GeneratedRegex("^/wiki/rest/api/content/([^/]+)/label$")]
    private static partial Regex LabelPath();

    [GeneratedRegex("^/wiki/rest/api/content/([^/]+)/state$")]
    private static partial Regex StatePath();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    [GeneratedRegex("^/wiki/rest/api/content/([^/]+)/state/available$")]
    private static partial Regex AvailableStatesPath();

    [GeneratedRegex("^/wiki/rest/api/space/([^/]+)/state/settings$")]
    private static partial Regex StateSettingsPath();
}

public sealed class FakePage(string id, string title, string? parentId, string body)
{
    private const string AuthorId = "557058:bot";
    private const string CreatedAt = "2026-11-25T08:00:00.000Z";

    public string Id { get; } = id;
    public string Title { get; set; } = title;
    public string? ParentId { get; } = parentId;
    public string Body { get; set; } = body;
    public int Version { get; set; } = 1;
    public int Updates { get; set; }
    /// <summary>The content state's name beside the title (null: none), and its id and colour.</summary>
    public string? State { get; set; }
    public long? StateId { get; set; }
    public string? StateColor { get; set; }
    public HashSet<string> Labels { get; } = [];

    public JsonObject ToJson(string baseUrl, bool withBody, bool withBase = true)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["status"] = "current",
            ["title"] = Title,
            ["spaceId"] = FakeConfluence.SpaceId,
            ["parentId"] = ParentId,
            ["authorId"] = AuthorId,
            ["createdAt"] = CreatedAt,
            ["version"] = new JsonObject { ["number"] = Version, ["message"] = string.Empty, ["minorEdit"] = false, ["authorId"] = AuthorId, ["createdAt"] = CreatedAt },
            ["_links"] = new JsonObject
            {
                ["webui"] = $"/spaces/{FakeConfluence.SpaceKey}/pages/{Id}",
                ["editui"] = $"/pages/resumedraft.action?draftId={Id}",
                ["tinyui"] = "/x/AbC",
            },
        };
        if (withBase)
        {
            json["_links"]!["base"] = baseUrl + "/wiki";
        }

        if (withBody)
        {
            json["body"] = new JsonObject { ["storage"] = new JsonObject { ["representation"] = "storage", ["value"] = Body } };
        }

        return json;
    }
}
