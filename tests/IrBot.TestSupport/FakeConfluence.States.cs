using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock;

namespace IrBot.TestSupport;

/// <summary>
/// A space's content-state settings, as its admins set them in Confluence Cloud (Space settings → Page status).
/// A new space allows states, its own (suggested) states and custom ones, and offers three default states.
/// </summary>
public sealed class FakeSpaceStates
{
    public bool ContentStatesAllowed { get; set; } = true;
    public bool CustomContentStatesAllowed { get; set; } = true;
    public bool SpaceContentStatesAllowed { get; set; } = true;

    /// <summary>The space's states (ids 0–2 are Confluence's defaults).</summary>
    public List<(long Id, string Name, string Color)> SpaceContentStates { get; } =
    [
        (0, "Rough draft", "#ffc400"),
        (1, "In progress", "#2684ff"),
        (2, "Ready for review", "#57d9a3"),
    ];

    /// <summary>False: the bot's account is not a space admin, so the settings answer 403 (as Confluence does).</summary>
    public bool BotIsSpaceAdmin { get; set; } = true;

    /// <summary>States allowed at all, custom ones not (the setting the issue is about).</summary>
    public FakeSpaceStates NoCustom()
    {
        CustomContentStatesAllowed = false;
        return this;
    }

    /// <summary>Page status turned off in the space.</summary>
    public FakeSpaceStates Off()
    {
        ContentStatesAllowed = false;
        return this;
    }
}

/// <summary>Content states (v1, Cloud only): per-space settings, the page's state, custom states of the bot's account.</summary>
public sealed partial class FakeConfluence
{
    private readonly ConcurrentDictionary<string, FakeSpaceStates> _spaceStates = new(StringComparer.Ordinal) { [SpaceKey] = new FakeSpaceStates() };
    private readonly List<(long Id, string Name, string Color)> _customStates = [];

    /// <summary>The content-state settings of a space (the incident space by default); change them before the bot acts.</summary>
    public FakeSpaceStates States(string spaceKey = SpaceKey) => _spaceStates.GetOrAdd(spaceKey, _ => new FakeSpaceStates());

    /// <summary>Content-state writes Confluence refused (a custom state where the space forbids them, an unknown id).</summary>
    public ConcurrentQueue<string> StateRefusals { get; } = new();

    /// <summary>Every content-state write (PUT or DELETE) of a page, oldest first, as "PUT {body}" or "DELETE".</summary>
    public IReadOnlyList<string> StateWrites(string id) =>
        Server.LogEntries.Select(e => e.RequestMessage)
            .Where(r => r is not null && r.Method is "PUT" or "DELETE" && r.Path == $"/wiki/rest/api/content/{id}/state")
            .OrderBy(r => r!.DateTime)
            .Select(r => r!.Method == "PUT" ? "PUT " + r.Body : "DELETE")
            .ToList();

    private ResponseMessage GetState(string id, IRequestMessage request)
    {
        if (!_pages.TryGetValue(id, out var page))
        {
            return V1Error(404, "No content with this id");
        }

        var problems = new List<string>();
        Require(problems, Query(request, "status") is null or "current" or "draft" or "archived", "status must be current, draft or archived");
        return problems.Count > 0 ? BadRequest(problems) : Json(200, StateResponse(page));
    }

    private ResponseMessage State(string id, IRequestMessage request)
    {
        if (!_pages.TryGetValue(id, out var page))
        {
            return V1Error(404, "No content with this id");
        }

        var body = Parse(request);
        var stateId = (long?)body["id"];
        var name = (string?)body["name"];
        var color = (string?)body["color"];
        var problems = new List<string>();
        Require(problems, Query(request, "status") is "current" or "draft", "status=current (or draft) is required");
        Require(problems, stateId is not null || (name is { Length: > 0 and <= 20 } && color is not null && HexColor().IsMatch(color)), "state needs an id, or a name (≤ 20) and a #rrggbb color");
        if (problems.Count > 0)
        {
            return BadRequest(problems);
        }

        var space = States();
        (long Id, string Name, string Color) chosen;
        lock (_customStates)
        {
            if (!space.ContentStatesAllowed)
            {
                return Refuse($"Content states are disabled in space {SpaceKey}");
            }

            if (stateId is { } wanted)
            {
                // An id wins over name and colour: one of the space's states, or one of the account's custom states.
                var offered = space.SpaceContentStatesAllowed ? space.SpaceContentStates.Where(s => s.Id == wanted).ToList() : [];
                var custom = space.CustomContentStatesAllowed ? _customStates.Where(s => s.Id == wanted).ToList() : [];
                if (offered.Count + custom.Count == 0)
                {
                    return Refuse($"Content state {wanted} is not available in space {SpaceKey}");
                }

                chosen = offered.Concat(custom).First();
            }
            else
            {
                if (!space.CustomContentStatesAllowed)
                {
                    return Refuse($"Custom content states are not allowed in space {SpaceKey}");
                }

                chosen = _customStates.FirstOrDefault(s => s.Name == name && s.Color == color);
                if (chosen.Name is null)
                {
                    chosen = (100 + _customStates.Count, name!, color!);
                    _customStates.Add(chosen);
                }
            }
        }

        lock (page)
        {
            // Setting a state publishes a new version of the page with the same body.
            page.State = chosen.Name;
            page.StateId = chosen.Id;
            page.StateColor = chosen.Color;
            page.Version++;
        }

        return Json(200, StateResponse(page));
    }

    private ResponseMessage RemoveState(string id, IRequestMessage request)
    {
        if (!_pages.TryGetValue(id, out var page))
        {
            return V1Error(404, "No content with this id");
        }

        var problems = new List<string>();
        Require(problems, Query(request, "status") is null or "current" or "draft", "status must be current or draft");
        if (problems.Count > 0)
        {
            return BadRequest(problems);
        }

        lock (page)
        {
            page.State = null;
            page.StateId = null;
            page.StateColor = null;
            page.Version++;
        }

        return Json(200, StateResponse(page));
    }

    private ResponseMessage AvailableStates(string id)
    {
        if (!_pages.ContainsKey(id))
        {
            return V1Error(404, "No content with this id");
        }

        var space = States();
        JsonNode? offered = space.ContentStatesAllowed && space.SpaceContentStatesAllowed ? StateArray(space.SpaceContentStates) : null;
        JsonNode? custom;
        lock (_customStates)
        {
            // At most the three most recent, as the editor's list shows.
            custom = space.ContentStatesAllowed && space.CustomContentStatesAllowed ? StateArray(Enumerable.Reverse(_customStates).Take(3)) : null;
        }

        return Json(200, new JsonObject { ["spaceContentStates"] = offered, ["customContentStates"] = custom });
    }

    private ResponseMessage StateSettings(string spaceKey)
    {
        if (!_spaceStates.TryGetValue(spaceKey, out var space))
        {
            return V1Error(404, $"No space with key : {spaceKey}");
        }

        if (!space.BotIsSpaceAdmin)
        {
            return V1Error(403, $"User not permitted to view content state settings for space: {spaceKey}", authorized: false);
        }

        return Json(200, new JsonObject
        {
            ["contentStatesAllowed"] = space.ContentStatesAllowed,
            ["customContentStatesAllowed"] = space.CustomContentStatesAllowed,
            ["spaceContentStatesAllowed"] = space.SpaceContentStatesAllowed,
            ["spaceContentStates"] = StateArray(space.SpaceContentStates),
        });
    }

    private ResponseMessage Refuse(string message)
    {
        StateRefusals.Enqueue(message);
        return V1Error(400, message);
    }

    private static JsonObject StateResponse(FakePage page) => new()
    {
        ["contentState"] = page.State is null ? null : StateJson((page.StateId ?? 0, page.State, page.StateColor ?? string.Empty)),
        ["lastUpdated"] = "2026-11-25T08:00:00.000Z",
    };

    private static JsonArray StateArray(IEnumerable<(long Id, string Name, string Color)> states) =>
        new(states.Select(s => (JsonNode)StateJson(s)).ToArray());

    private static JsonObject StateJson((long Id, string Name, string Color) state) =>
        new() { ["id"] = state.Id, ["name"] = state.Name, ["color"] = state.Color };

    /// <summary>v1's error body: <c>{statusCode, data:{authorized, valid, errors, successful}, message}</c>.</summary>
    private static ResponseMessage V1Error(int status, string message, bool authorized = true) =>
        Json(status, new JsonObject
        {
            ["statusCode"] = status,
            ["data"] = new JsonObject { ["authorized"] = authorized, ["valid"] = status != 400, ["errors"] = new JsonArray(), ["successful"] = false },
            ["message"] = message,
            ["reason"] = status switch { 400 => "Bad Request", 403 => "Forbidden", _ => "Not Found" },
        });
}
