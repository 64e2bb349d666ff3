using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IrBot.TestSupport;

/// <summary>
/// A WireMock server that answers like TheHive 5 (<c>/api/v1</c>): cases created (201), found with the
/// Query API, updated with PATCH (204). Request bodies are checked against InputCreateCase, InputQuery and
/// InputUpdateCase; anything off is answered 400 <c>{type, message}</c> and listed in <see cref="Violations"/>.
/// <see cref="Down"/> answers 503 to everything.
/// </summary>
public sealed class FakeTheHive : IDisposable
{
    public const string ApiKey = "thehive-api-key-secret";
    public const string Organisation = "SOC";

    private static readonly string[] ClosedStatuses = ["TruePositive", "FalsePositive", "Indeterminate", "Duplicated", "Other"];
    private static readonly string[] Impacts = ["WithImpact", "NoImpact", "NotApplicable"];

    private readonly ConcurrentDictionary<string, JsonObject> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, TimeSpan Delay)> _slow = new();
    private int _number;

    private FakeTheHive(WireMockServer server)
    {
        Server = server;
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Handle));
    }

    public WireMockServer Server { get; }
    public string BaseUrl => Server.Url!;
    /// <summary>While true, every call answers 503.</summary>
    public bool Down { get; set; }
    public ConcurrentQueue<string> Violations { get; } = new();
    public IReadOnlyList<JsonObject> Cases => _cases.Values.OrderBy(c => (int)c["number"]!).ToList();

    public static FakeTheHive Start() => new(WireMockServer.Start());

    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["TheHive:BaseUrl"] = BaseUrl,
        ["TheHive:ApiKey"] = ApiKey,
        ["TheHive:Organisation"] = Organisation,
        ["Resilience:TheHive:BaseDelayMilliseconds"] = "10",
        ["Resilience:TheHive:MaxRetries"] = "2",
        ["Resilience:TheHive:AttemptTimeoutSeconds"] = "1",
        ["Resilience:TheHive:TotalTimeoutSeconds"] = "5",
        ["Resilience:TheHive:CircuitBreakSeconds"] = "1",
    };

    /// <summary>The next create happens, but its answer comes only after <paramref name="delay"/>.</summary>
    public void AnswerLate(string operation, TimeSpan delay) => _slow.Enqueue((operation, delay));

    public int Count(string method, string path) =>
        Server.LogEntries.Count(e => e.RequestMessage?.Method == method && e.RequestMessage.Path == path);

    public IReadOnlyList<JsonNode> Bodies(string method, string pathPrefix) =>
        Server.LogEntries
            .Where(e => e.RequestMessage?.Method == method && e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            .OrderBy(e => e.RequestMessage!.DateTime)
            .Select(e => JsonNode.Parse(e.RequestMessage!.Body ?? "{}")!)
            .ToList();

    public void Dispose() => Server.Stop();

    private ResponseMessage Handle(IRequestMessage request)
    {
        if (Down)
        {
            return FakeConfluence.Json(503, new JsonObject { ["type"] = "ServiceUnavailable", ["message"] = "TheHive is down" });
        }

        if (FakeConfluence.Header(request, "Authorization") != "Bearer " + ApiKey)
        {
            return FakeConfluence.Json(401, new JsonObject { ["type"] = "AuthenticationError", ["message"] = "Authentication failure" });
        }

        if (FakeConfluence.Header(request, "X-Organisation") != Organisation)
        {
            Violations.Enqueue("X-Organisation header missing");
        }

        var path = request.Path;
        ResponseMessage response;
        string operation;
        if (request.Method == "POST" && path == "/api/v1/case")
        {
            operation = "create";
            response = Create(Parse(request));
        }
        else if (request.Method == "POST" && path == "/api/v1/query")
        {
            operation = "query";
            response = Query(Parse(request));
        }
        else if (request.Method == "GET" && path == "/api/v1/user/current")
        {
            // TheHive 5's answer, shortened: the key's user and its organisation.
            operation = "current-user";
            response = FakeConfluence.Json(200, new JsonObject { ["_id"] = "~41", ["login"] = "irbot@example.com", ["name"] = "IR Bot", ["organisation"] = Organisation, ["locked"] = false });
        }
        else if (request.Method == "PATCH" && path.StartsWith("/api/v1/case/", StringComparison.Ordinal))
        {
            operation = "update";
            response = Update(Uri.UnescapeDataString(path["/api/v1/case/".Length..]), Parse(request));
        }
        else
        {
            operation = "unknown";
            response = FakeConfluence.Json(404, new JsonObject { ["type"] = "NotFoundError", ["message"] = $"No fake for {request.Method} {path}" });
        }

        if (_slow.TryPeek(out var slow) && slow.Operation == operation && _slow.TryDequeue(out _))
        {
            Thread.Sleep(slow.Delay);
        }

        return response;
    }

    private ResponseMessage Create(JsonNode body)
    {
        var problems = new List<string>();
        var title = (string?)body["title"];
        Require(problems, title is { Length: >= 1 and <= 512 }, "title is required (1–512)");
        Require(problems, body["description"] is not null, "description is required");
        Require(problems, body["severity"] is null || (int)body["severity"]! is >= 1 and <= 4, "severity must be 1–4");
        Require(problems, body["tlp"] is null || (int)body["tlp"]! is >= 0 and <= 4, "tlp must be 0–4");
        Require(problems, body["pap"] is null || (int)body["pap"]! is >= 0 and <= 3, "pap must be 0–3");
        var tags = (body["tags"] as JsonArray)?.Select(t => (string?)t).ToList() ?? [];
        Require(problems, tags.All(t => t is { Length: >= 1 and <= 128 }) && tags.Distinct().Count() == tags.Count, "tags must be unique strings of 1–128");
        if (problems.Count > 0)
        {
            return FakeConfluence.Json(400, new JsonObject { ["type"] = "BadRequest", ["message"] = string.Join("; ", problems) });
        }

        var number = Interlocked.Increment(ref _number);
        var id = "~" + (40960 + (number * 8)).ToString(CultureInfo.InvariantCulture);
        var created = new JsonObject
        {
            ["_id"] = id,
            ["_type"] = "Case",
            ["_createdBy"] = "irbot@example.com",
            ["_createdAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["number"] = number,
            ["title"] = title,
            ["description"] = (string?)body["description"],
            ["severity"] = (int?)body["severity"] ?? 2,
            ["tlp"] = (int?)body["tlp"] ?? 2,
            ["pap"] = (int?)body["pap"] ?? 2,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["flag"] = (bool?)body["flag"] ?? false,
            ["status"] = "New",
            ["stage"] = "New",
            ["startDate"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        _cases[id] = created;
        return FakeConfluence.Json(201, created.DeepClone());
    }

    private ResponseMessage Query(JsonNode body)
    {
        var operations = body["query"] as JsonArray;
        var problems = new List<string>();
        Require(problems, operations is { Count: > 0 } && operations.All(o => o?["_name"] is not null), "query must be an array of operations with _name");
        Require(problems, (string?)operations?[0]?["_name"] == "listCase", "the first operation must select (listCase)");
        if (problems.Count > 0)
        {
            return FakeConfluence.Json(400, new JsonObject { ["type"] = "BadRequest", ["message"] = string.Join("; ", problems) });
        }

        IEnumerable<JsonObject> found = Cases;
        foreach (var filter in operations!.Where(o => (string?)o!["_name"] == "filter"))
        {
            var field = (string?)filter!["_eq"]?["_field"];
            var value = (string?)filter["_eq"]?["_value"];
            Require(problems, field == "tags" && value is not null, "expected a filter {_eq: {_field: tags, _value}}");
            found = found.Where(c => (c["tags"] as JsonArray)!.Any(t => (string?)t == value));
        }

        return problems.Count > 0
            ? FakeConfluence.Json(400, new JsonObject { ["type"] = "BadRequest", ["message"] = string.Join("; ", problems) })
            : FakeConfluence.Json(200, new JsonArray(found.Select(c => (JsonNode)c.DeepClone()).ToArray()));
    }

    private ResponseMessage Update(string idOrNumber, JsonNode body)
    {
        var @case = _cases.GetValueOrDefault(idOrNumber) ?? _cases.Values.FirstOrDefault(c => ((int)c["number"]!).ToString(CultureInfo.InvariantCulture) == idOrNumber);
        if (@case is null)
        {
            return FakeConfluence.Json(404, new JsonObject { ["type"] = "NotFoundError", ["message"] = $"Case {idOrNumber} not found" });
        }

        var problems = new List<string>();
        var known = new HashSet<string>(["title", "description", "severity", "startDate", "endDate", "tags", "flag", "tlp", "pap", "status", "summary", "assignee", "impactStatus", "customFields", "taskRule", "observableRule", "addTags", "removeTags"]);
        foreach (var property in body.AsObject())
        {
            Require(problems, known.Contains(property.Key), $"{property.Key} is not a field of InputUpdateCase");
        }

        var status = (string?)body["status"];
        Require(problems, status is null || status is "New" or "InProgress" || ClosedStatuses.Contains(status), $"unknown status {status}");
        Require(problems, body["impactStatus"] is null || Impacts.Contains((string?)body["impactStatus"]), "unknown impactStatus");
        Require(problems, body["addTags"] is null || body["addTags"]!.GetValueKind() == JsonValueKind.Array, "addTags must be an array");
        if (problems.Count > 0)
        {
            return FakeConfluence.Json(400, new JsonObject { ["type"] = "BadRequest", ["message"] = string.Join("; ", problems) });
        }

        lock (@case)
        {
            foreach (var property in body.AsObject().Where(p => p.Key != "addTags"))
            {
                @case[property.Key] = property.Value?.DeepClone();
            }

            foreach (var tag in (body["addTags"] as JsonArray) ?? [])
            {
                var tags = (JsonArray)@case["tags"]!;
                if (!tags.Any(t => (string?)t == (string?)tag))
                {
                    tags.Add((string?)tag);
                }
            }

            if (status is not null && ClosedStatuses.Contains(status))
            {
                @case["stage"] = "Closed";
            }
        }

        return new ResponseMessage { StatusCode = 204 };
    }

    private void Require(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
            Violations.Enqueue(problem);
        }
    }

    private static JsonNode Parse(IRequestMessage request) => JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body) ?? new JsonObject();
}
