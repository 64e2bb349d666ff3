using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IrBot.TestSupport;

/// <summary>
/// A WireMock server that answers like Jira's REST v2, Cloud or Data Center: issues that exist once created
/// (with a workflow To Do → In Progress → Done), transitions valid from the current status, comments,
/// issue links, create metadata, user search and JQL search by label. Bodies are checked against the v2
/// shapes (plain strings where v3 has ADF): a wrong shape gets Jira's 400 error body. Each deployment
/// refuses the other's calls and shapes: Cloud wants Basic email:token, <c>search/jql</c>, <c>query</c> and
/// <c>accountId</c>; Data Center a Bearer personal access token, <c>search</c>, <c>username</c> and <c>name</c>.
/// <see cref="Down"/> makes every call answer 503; <see cref="SearchLag"/> hides new issues from search
/// for a while, as Cloud's eventually consistent search does.
/// </summary>
public sealed partial class FakeJira : IDisposable
{
    public const string Email = "irbot@example.com";
    public const string ApiToken = "jira-secret-token";
    public const string ProjectKey = "SEC";
    public const string PersonalAccessToken = "jira-dc-personal-access-token";
    public const string SecurityLevelId = "10001";

    /// <summary>The default priority scheme, as <c>createmeta</c> lists it (id, name).</summary>
    public static readonly (string Id, string Name)[] Priorities = [("1", "Highest"), ("2", "High"), ("3", "Medium"), ("4", "Low"), ("5", "Lowest")];

    private static readonly (string Id, string Name)[] IssueTypes = [("10002", "Task"), ("10004", "Bug")];
    private static readonly string[] LinkTypes = ["Duplicate", "Blocks", "Relates", "Cloners"];

    private readonly ConcurrentDictionary<string, FakeIssue> _issues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(string, string, string)> _links = new();
    private int _sequence;
    private readonly ManualResetEventSlim _createGate = new(initialState: true);
    private int _createsHeld;

    private FakeJira(WireMockServer server, bool dataCenter)
    {
        Server = server;
        DataCenter = dataCenter;
        Stub();
    }

    /// <summary>Answers as Jira Data Center (else Cloud).</summary>
    public bool DataCenter { get; }

    /// <summary>How long a new issue stays invisible to search (Cloud's search is eventually consistent).</summary>
    public TimeSpan SearchLag { get; set; }

    /// <summary>Issue links made, as (type, inward key, outward key).</summary>
    public IReadOnlyList<(string Type, string Inward, string Outward)> Links => _links.ToList();

    public WireMockServer Server { get; }
    public string BaseUrl => Server.Url!;

    /// <summary>Every call answers 503 while true.</summary>
    public bool Down { get; set; }

    /// <summary>The next create stores the issue but answers 504, as when the answer is lost.</summary>
    public bool LoseNextCreateAnswer { get; set; }

    public IReadOnlyCollection<FakeIssue> Issues => _issues.Values.OrderBy(i => i.Id).ToList();

    /// <summary>Creates that arrived and are waiting for <see cref="ReleaseCreates"/> (see <see cref="HoldCreates"/>).</summary>
    public int CreatesHeld => Volatile.Read(ref _createsHeld);

    /// <summary>From now on a create waits (up to 30 s) for <see cref="ReleaseCreates"/> before it is made and answered: a slow Jira.</summary>
    public void HoldCreates() => _createGate.Reset();

    public void ReleaseCreates() => _createGate.Set();

    public static FakeJira Start(bool dataCenter = false) => new(WireMockServer.Start(), dataCenter);

    /// <summary>Settings that point IR Bot at this server, with fast retries.</summary>
    public IDictionary<string, string?> Settings(string? securityLevelId = SecurityLevelId) => new Dictionary<string, string?>
    {
        ["Jira:BaseUrl"] = BaseUrl,
        ["Jira:Deployment"] = DataCenter ? "DataCenter" : "Cloud",
        ["Jira:Email"] = DataCenter ? null : Email,
        ["Jira:ApiToken"] = DataCenter ? PersonalAccessToken : ApiToken,
        ["Jira:ProjectKey"] = ProjectKey,
        ["Jira:LostCreateSearchSeconds"] = "5",
        ["Jira:SecurityLevelId"] = securityLevelId,
        ["Resilience:Jira:BaseDelayMilliseconds"] = "10",
        ["Resilience:Jira:MaxRetries"] = "1",
        ["Resilience:Jira:CircuitMinimumThroughput"] = "1000",
        ["Tasks:JiraRetrySeconds"] = "1",
    };

    /// <summary>A person: <paramref name="accountId"/> is their Cloud accountId, or their Data Center username.</summary>
    public void AddUser(string email, string accountId) => _users[email] = accountId;

    /// <summary>Forgets issues, users, failure modes and the request log, for the next test of a shared host.</summary>
    public void Reset()
    {
        Down = false;
        LoseNextCreateAnswer = false;
        ReleaseCreates();
        _createsHeld = 0;
        SearchLag = TimeSpan.Zero;
        _links.Clear();
        _issues.Clear();
        _users.Clear();
        _sequence = 0;
        Server.ResetLogEntries();
    }

    public IReadOnlyList<IRequestMessage> Requests(string method, string pathPattern) =>
        Server.LogEntries.Select(e => e.RequestMessage).OfType<IRequestMessage>()
            .Where(r => r.Method == method && Regex.IsMatch(r.Path, "^" + pathPattern + "$"))
            .OrderBy(r => r.DateTime)
            .ToList();

    public void Dispose()
    {
        ReleaseCreates();
        Server.Stop();
        _createGate.Dispose();
    }

    private void Stub()
    {
        On("POST", "/rest/api/2/issue", CreateIssue);
        On("GET", "/rest/api/2/search/jql", r => DataCenter ? (404, Errors("null for uri: /rest/api/2/search/jql")) : Search(r));
        On("GET", "/rest/api/2/search", r => DataCenter ? Search(r)
            : (410, Errors("The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.")));
        On("GET", "/rest/api/2/user/search", SearchUsers);
        On("GET", "/rest/api/2/issue/createmeta/*/issuetypes", CreateMetaIssueTypes);
        On("GET", "/rest/api/2/issue/createmeta/*/issuetypes/*", CreateMetaFields);
        On("POST", "/rest/api/2/issueLink", LinkIssues);
        On("GET", "/rest/api/2/issue/*/transitions", GetTransitions);
        On("POST", "/rest/api/2/issue/*/transitions", Transition);
        On("POST", "/rest/api/2/issue/*/comment", Comment);
        On("GET", "/rest/api/2/issue/*/comment", GetComments);
    }

    private void On(string method, string path, Func<IRequestMessage, (int Status, JsonNode? Body)> answer) =>
        Server.Given(Request.Create().WithPath(new WildcardMatcher(path)).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(req =>
            {
                var (status, body) = Down ? (503, Errors("Service unavailable"))
                    : req.Headers?.TryGetValue("Authorization", out var auth) != true || auth!.FirstOrDefault() != Authorization ? (401, Errors("Client must be authenticated to access this resource."))
                    : answer(req);
                return new ResponseMessage
                {
                    StatusCode = status,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json;charset=UTF-8") },
                    BodyData = body is null ? null : new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
                };
            }));

    private string Authorization => DataCenter
        ? "Bearer " + PersonalAccessToken
        : "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"));

    /// <summary>POST /rest/api/2/issue: the v2 create body, checked field by field.</summary>
    private (int, JsonNode?) CreateIssue(IRequestMessage request)
    {
        var fields = Json(request)?["fields"] as JsonObject;
        var errors = new JsonObject();
        if (fields is null)
        {
            return (400, Errors("No fields"));
        }

        if (fields["project"]?["key"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || (string?)fields["project"]!["key"] != ProjectKey)
        {
            errors["project"] = "valid project is required";
        }

        if (fields["issuetype"]?["name"] is null && fields["issuetype"]?["id"] is null)
        {
            errors["issuetype"] = "valid issue type is required";
        }

        if (fields["summary"] is not JsonValue summary || summary.GetValueKind() != System.Text.Json.JsonValueKind.String || ((string?)summary)!.Length is 0 or > 255)
        {
            errors["summary"] = "You must specify a summary of the issue.";
        }

        // v2 wants plain text; an ADF object here is the v3 shape.
        if (fields["description"] is { } description && description.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            errors["description"] = "Operation value must be a string";
        }

        if (fields["priority"] is { } priority && priority["name"] is null && priority["id"] is null)
        {
            errors["priority"] = "Priority name or id is required";
        }

        // Cloud knows people by accountId only (GDPR strict mode); Data Center by name.
        var person = DataCenter ? "name" : "accountId";
        if (fields["assignee"] is { } assignee && (assignee[person] is null || !_users.Values.Contains((string?)assignee[person] ?? string.Empty)))
        {
            errors["assignee"] = !DataCenter && assignee["name"] is not null
                ? "'name' is not supported in GDPR strict mode; use 'accountId'."
                : "User does not exist or is not assignable.";
        }

        if (fields["labels"] is { } labels && (labels is not JsonArray array || array.Any(l => l is null || ((string?)l)!.Contains(' ', StringComparison.Ordinal))))
        {
            errors["labels"] = "Labels must be strings without spaces";
        }

        if (fields["security"] is { } security && (string?)security["id"] is null)
        {
            errors["security"] = "Security level id is required";
        }

        if (errors.Count > 0)
        {
            return (400, new JsonObject { ["errorMessages"] = new JsonArray(), ["errors"] = errors });
        }

        if (!_createGate.IsSet)
        {
            Interlocked.Increment(ref _createsHeld);
            _createGate.Wait(TimeSpan.FromSeconds(30));
        }

        var id = 10000 + Interlocked.Increment(ref _sequence);
        var key = $"{ProjectKey}-{id - 10000}";
        _issues[key] = new FakeIssue(id, key, fields.DeepClone().AsObject()) { CreatedAt = DateTime.UtcNow };
        if (LoseNextCreateAnswer)
        {
            LoseNextCreateAnswer = false;
            return (504, Errors("Gateway timeout"));
        }

        return (201, new JsonObject { ["id"] = id.ToString(CultureInfo.InvariantCulture), ["key"] = key, ["self"] = $"{BaseUrl}/rest/api/2/issue/{id}" });
    }

    private (int, JsonNode?) Search(IRequestMessage request)
    {
        var jql = Query(request, "jql");
        var label = LabelClause().Match(jql);
        if (!label.Success)
        {
            return (400, Errors("Unbounded JQL queries are not allowed here."));
        }

        var visibleBefore = DateTime.UtcNow - SearchLag;
        var found = _issues.Values.Where(i => i.Labels.Contains(label.Groups[1].Value) && i.CreatedAt <= visibleBefore).OrderBy(i => i.Id)
            .Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.Id.ToString(CultureInfo.InvariantCulture),
                ["key"] = i.Key,
                ["fields"] = new JsonObject { ["status"] = new JsonObject { ["name"] = i.Status } },
            });
        var issues = new JsonArray(found.ToArray());
        return DataCenter
            ? (200, new JsonObject { ["startAt"] = 0, ["maxResults"] = 50, ["total"] = issues.Count, ["issues"] = issues })
            : (200, new JsonObject { ["issues"] = issues, ["isLast"] = true });
    }

    private (int, JsonNode?) SearchUsers(IRequestMessage request)
    {
        if (DataCenter)
        {
            var username = Query(request, "username");
            if (username.Length == 0)
            {
                return (400, Errors("The username query parameter was not provided"));
            }

            return (200, new JsonArray(_users.Where(u => u.Key.StartsWith(username, StringComparison.OrdinalIgnoreCase))
                .Select(u => (JsonNode)new JsonObject
                {
                    ["self"] = $"{BaseUrl}/rest/api/2/user?username={u.Value}",
                    ["key"] = "JIRAUSER" + u.Value.Length.ToString(CultureInfo.InvariantCulture),
                    ["name"] = u.Value,
                    ["emailAddress"] = u.Key,
                    ["displayName"] = u.Key.Split('@')[0],
                    ["active"] = true,
                    ["timeZone"] = "Europe/London",
                }).ToArray()));
        }

        if (Query(request, "username").Length > 0)
        {
            return (400, Errors("The query parameter 'username' is not supported in GDPR strict mode."));
        }

        var query = Query(request, "query");
        var users = _users.Where(u => u.Key.StartsWith(query, StringComparison.OrdinalIgnoreCase))
            .Select(u => (JsonNode)new JsonObject
            {
                ["self"] = $"{BaseUrl}/rest/api/2/user?accountId={u.Value}",
                ["accountId"] = u.Value,
                ["accountType"] = "atlassian",
                ["emailAddress"] = u.Key,
                ["displayName"] = u.Key.Split('@')[0],
                ["active"] = true,
                ["timeZone"] = "Europe/London",
            });
        return (200, new JsonArray(users.ToArray()));
    }

    private static readonly (string Id, string Name, string From, string To, string Category)[] Workflow =
    [
        ("11", "Start Progress", "To Do", "In Progress", "indeterminate"),
        ("31", "Done", "To Do", "Done", "done"),
        ("31", "Done", "In Progress", "Done", "done"),
        ("41", "Stop Progress", "In Progress", "To Do", "new"),
        ("51", "Reopen", "Done", "To Do", "new"),
    ];

    private (int, JsonNode?) GetTransitions(IRequestMessage request)
    {
        if (!_issues.TryGetValue(IssueKey(request), out var issue))
        {
            return (404, Errors("Issue does not exist or you do not have permission to see it."));
        }

        var transitions = Workflow.Where(t => t.From == issue.Status).Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["name"] = t.Name,
            ["to"] = new JsonObject { ["name"] = t.To, ["statusCategory"] = new JsonObject { ["key"] = t.Category } },
            ["hasScreen"] = false,
            ["isAvailable"] = true,
        });
        return (200, new JsonObject { ["transitions"] = new JsonArray(transitions.ToArray()) });
    }

    private (int, JsonNode?) Transition(IRequestMessage request)
    {
        if (!_issues.TryGetValue(IssueKey(request), out var issue))
        {
            return (404, Errors("Issue does not exist or you do not have permission to see it."));
        }

        var id = (string?)Json(request)?["transition"]?["id"];
        var step = Workflow.FirstOrDefault(t => t.Id == id && t.From == issue.Status);
        if (step.Id is null)
        {
            return (400, Errors($"Transition id '{id}' is not valid for this issue."));
        }

        issue.Status = step.To;
        return (204, null);
    }

    /// <summary>GET comments (v2: string bodies), newest first as <c>orderBy=-created</c> asks.</summary>
    private (int, JsonNode?) GetComments(IRequestMessage request)
    {
        if (!_issues.TryGetValue(IssueKey(request), out var issue))
        {
            return (404, Errors("Issue does not exist or you do not have permission to see it."));
        }

        var comments = issue.Comments.AsEnumerable().Reverse().Take(50).Select((c, i) => (JsonNode)new JsonObject { ["id"] = (30000 + i).ToString(CultureInfo.InvariantCulture), ["body"] = c }).ToArray();
        return (200, new JsonObject { ["startAt"] = 0, ["maxResults"] = 50, ["total"] = issue.Comments.Count, ["comments"] = new JsonArray(comments) });
    }

    private (int, JsonNode?) Comment(IRequestMessage request)
    {
        if (!_issues.TryGetValue(IssueKey(request), out var issue))
        {
            return (404, Errors("Issue does not exist or you do not have permission to see it."));
        }

        // v2: body is a string (v3 would be an ADF document).
        if (Json(request)?["body"] is not JsonValue body || body.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return (400, new JsonObject { ["errorMessages"] = new JsonArray(), ["errors"] = new JsonObject { ["comment"] = "Comment body can not be empty!" } });
        }

        issue.Comments.Add((string)body!);
        return (201, new JsonObject
        {
            ["id"] = (20000 + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture),
            ["body"] = (string)body!,
            ["author"] = new JsonObject { ["accountId"] = "irbot-account", ["displayName"] = "IR Bot" },
            ["created"] = "2026-11-25T10:00:00.000+0000",
        });
    }

    /// <summary>GET createmeta/{project}/issuetypes: Cloud pages them as <c>issueTypes</c>, Data Center as <c>values</c>.</summary>
    private (int, JsonNode?) CreateMetaIssueTypes(IRequestMessage request)
    {
        if (request.Path.Split('/')[6] != ProjectKey)
        {
            return (404, Errors("No project could be found with key '" + request.Path.Split('/')[6] + "'."));
        }

        var types = new JsonArray(IssueTypes.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["name"] = t.Name, ["subtask"] = false }).ToArray());
        return (200, Page(DataCenter ? "values" : "issueTypes", types));
    }

    /// <summary>GET createmeta/{project}/issuetypes/{id}: the create screen's fields, <c>fields</c> on Cloud, <c>values</c> on Data Center.</summary>
    private (int, JsonNode?) CreateMetaFields(IRequestMessage request)
    {
        var parts = request.Path.Split('/');
        if (parts[6] != ProjectKey || IssueTypes.All(t => t.Id != parts[8]))
        {
            return (404, Errors("Issue type or project not found."));
        }

        static JsonObject Field(string id, string name, bool required, params (string Id, string Name)[] allowed)
        {
            var field = new JsonObject { ["fieldId"] = id, ["key"] = id, ["name"] = name, ["required"] = required, ["operations"] = new JsonArray("set") };
            if (allowed.Length > 0)
            {
                field["allowedValues"] = new JsonArray(allowed.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = a.Name }).ToArray());
            }

            return field;
        }

        var fields = new JsonArray(
            Field("summary", "Summary", true),
            Field("issuetype", "Issue Type", true),
            Field("project", "Project", true),
            Field("description", "Description", false),
            Field("priority", "Priority", false, Priorities),
            Field("labels", "Labels", false),
            Field("assignee", "Assignee", false),
            Field("security", "Security Level", false, (SecurityLevelId, "Incident responders")));
        return (200, Page(DataCenter ? "values" : "fields", fields));
    }

    private JsonObject Page(string name, JsonArray items)
    {
        var page = new JsonObject { ["maxResults"] = 50, ["startAt"] = 0, ["total"] = items.Count, [name] = items };
        if (DataCenter)
        {
            page["isLast"] = true;
        }

        return page;
    }

    /// <summary>POST /rest/api/2/issueLink: 201 without a body.</summary>
    private (int, JsonNode?) LinkIssues(IRequestMessage request)
    {
        var body = Json(request);
        var type = (string?)body?["type"]?["name"];
        var inward = (string?)body?["inwardIssue"]?["key"];
        var outward = (string?)body?["outwardIssue"]?["key"];
        if (type is null || !LinkTypes.Contains(type, StringComparer.Ordinal))
        {
            return (404, Errors($"No issue link type with name '{type}' found."));
        }

        if (inward is null || outward is null || !_issues.ContainsKey(inward) || !_issues.ContainsKey(outward))
        {
            return (404, Errors("Issue Does Not Exist"));
        }

        _links.Enqueue((type, inward, outward));
        return (201, null);
    }

    private static string Query(IRequestMessage request, string name) =>
        request.Query is not null && request.Query.TryGetValue(name, out var values) ? values.FirstOrDefault() ?? string.Empty : string.Empty;

    private static string IssueKey(IRequestMessage request) => request.Path.Split('/')[5];

    private static JsonNode? Json(IRequestMessage request) => string.IsNullOrEmpty(request.Body) ? null : JsonNode.Parse(request.Body);

    private static JsonObject Errors(string message) => new() { ["errorMessages"] = new JsonArray(message), ["errors"] = new JsonObject() };

    [GeneratedRegex("labels\\s*=\\s*\"([^\"]+)\"")]
    private static partial Regex LabelClause();
}

public sealed class FakeIssue(int id, string key, JsonObject fields)
{
    public int Id { get; } = id;
    public string Key { get; } = key;
    public JsonObject Fields { get; } = fields;
    public string Status { get; set; } = "To Do";
    public List<string> Comments { get; } = [];
    public DateTime CreatedAt { get; init; }

    public IReadOnlyList<string> Labels => (Fields["labels"] as JsonArray)?.Select(l => (string?)l ?? string.Empty).ToList() ?? [];
}
