using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IrBot.TestSupport;

/// <summary>
/// A WireMock server that answers like Slack's Web API: HTTP 200 with <c>ok</c>, errors as <c>ok:false</c>,
/// channels that exist once created (so a second create of a name is <c>name_taken</c>), history that
/// holds what was posted. Tests read every call back from the request log.
/// </summary>
public sealed class FakeSlack : IDisposable
{
    private const int DefaultPriority = 1000;

    // conversations.replies cursors: opaque to callers, an offset to the fake.
    private const string CursorPrefix = "bmV4dF90czo";
    private readonly ConcurrentDictionary<string, FakeChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _bots = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string Error, string? Needed)> _queuedFailures = new();
    private readonly ConcurrentDictionary<string, Func<IRequestMessage, ResponseMessage>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string[] Handles, List<string> Members)> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Channel, string Ts, JsonNode Body)> _messages = new();
    private readonly ConcurrentDictionary<string, int> _rateLimited = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Times, int RetryAfterSeconds)> _rateLimitedChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeUpload> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonNode> _homes = new(StringComparer.Ordinal);
    private int _sequence;

    private FakeSlack(WireMockServer server)
    {
        Server = server;
        StubDefaults();
    }

    public WireMockServer Server { get; }
    public string ApiBaseUrl => Server.Url + "/api/";

    public static FakeSlack Start() => new(WireMockServer.Start());

    public string ResponseUrl() => $"{Server.Url}/response/{Guid.NewGuid():N}";

    /// <summary>Every call of a Web API method, oldest first.</summary>
    public IReadOnlyList<SlackCall> Calls(string method) =>
        Requests()
            .Where(r => r.Path == "/api/" + method)
            .Select(r => new SlackCall(method, r.Body ?? string.Empty, r.Headers))
            .ToList();

    /// <summary>Every Web API call, oldest first, as method names.</summary>
    public IReadOnlyList<string> Methods() =>
        Requests()
            .Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => r.Path["/api/".Length..])
            .ToList();

    public IReadOnlyList<SlackCall> ResponseUrlPosts() =>
        Requests()
            .Where(r => r.Path.StartsWith("/response/", StringComparison.Ordinal))
            .Select(r => new SlackCall("response_url", r.Body ?? string.Empty, r.Headers))
            .ToList();

    private IEnumerable<IRequestMessage> Requests() =>
        Server.LogEntries.Select(e => e.RequestMessage).OfType<IRequestMessage>().OrderBy(r => r.DateTime);

    /// <summary>Messages posted with chat.postMessage to one channel.</summary>
    public IReadOnlyList<JsonNode> PostedTo(string channel) =>
        Calls("chat.postMessage").Select(c => c.Json).Where(j => (string?)j["channel"] == channel).ToList();

    /// <summary>The next call of <paramref name="method"/> answers <c>ok:false</c> with this error (once per call to this).</summary>
    /// <remarks>Slack names the missing scope of a <c>missing_scope</c> in <c>needed</c> (and what the token has in <c>provided</c>).</remarks>
    public void FailNext(string method, string error, string? needed = null) => _queuedFailures.Enqueue((method, error, needed));

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> answer HTTP 429 with <c>Retry-After: 1</c>, as Slack does.</summary>
    public void RateLimitNext(string method, int times = 1) => _rateLimited.AddOrUpdate(method, times, (_, n) => n + times);

    /// <summary>
    /// The next <paramref name="times"/> posts (<c>chat.*</c>) to <paramref name="channel"/> answer HTTP 429 with
    /// <c>Retry-After: <paramref name="retryAfterSeconds"/></c>, as Slack does for a channel posted to too fast; other channels answer as usual.
    /// </summary>
    public void RateLimitChannel(string channel, int times, int retryAfterSeconds = 1) =>
        _rateLimitedChannels.AddOrUpdate(channel, (times, retryAfterSeconds), (_, n) => (n.Times + times, retryAfterSeconds));

    /// <summary>
    /// Asked before every Web API call (method, request): the <c>Retry-After</c> to refuse it with (HTTP 429), or null to
    /// answer it. For a stand-in that enforces Slack's rate limits (the benchmarks).
    /// </summary>
    public Func<string, IRequestMessage, TimeSpan?>? RateLimiter { get; set; }

    /// <summary>Replaces the answer of a method until reset, e.g. HTTP 500 or a slow answer.</summary>
    public void Override(string method, int status, object? body = null, TimeSpan? delay = null, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json");
        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }

        response = body is null ? response.WithBody(string.Empty) : response.WithBody(JsonSerializer.Serialize(body));
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        Server.Given(Request.Create().WithPath("/api/" + method).UsingPost()).AtPriority(1).WithTitle("override:" + method).RespondWith(response);
    }

    public void ResetOverrides()
    {
        foreach (var mapping in Server.Mappings.Where(m => m.Title?.StartsWith("override:", StringComparison.Ordinal) == true).ToList())
        {
            Server.DeleteMapping(mapping.Guid);
        }
    }

    /// <summary>
    /// Forgets every call, channel, user, queued failure and override, for the next test of a shared
    /// host. Ids keep counting up, so no new channel or message reuses an id a cache may remember.
    /// </summary>
    public void Reset()
    {
        ResetOverrides();
        _queuedFailures.Clear();
        _rateLimited.Clear();
        _rateLimitedChannels.Clear();
        RateLimiter = null;
        _channels.Clear();
        _users.Clear();
        _groups.Clear();
        _files.Clear();
        _messages.Clear();
        _bots.Clear();
        _uploads.Clear();
        _homes.Clear();
        Server.ResetLogEntries();
    }

    /// <summary>Makes a channel exist already (for name collisions).</summary>
    public void AddChannel(string id, string name, string creator = "USOMEONE01", bool isPrivate = false) =>
        _channels[name] = new FakeChannel(id, name, creator, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), isPrivate);

    /// <summary>Someone joined a channel by themselves (invites and creates add members already).</summary>
    public void AddToChannel(string channelId, string userId)
    {
        if (_channels.Values.FirstOrDefault(c => c.Id == channelId) is { } channel)
        {
            channel.Members[userId] = true;
        }
    }

    /// <summary>Someone left or was removed from a channel (the bot too: then a private channel is hidden from it).</summary>
    public void RemoveFromChannel(string channelId, string userId)
    {
        if (_channels.Values.FirstOrDefault(c => c.Id == channelId) is { } channel)
        {
            channel.Members.TryRemove(userId, out _);
        }
    }

    public FakeChannel? Channel(string name) => _channels.GetValueOrDefault(name);

    /// <summary>Every channel that exists (made with conversations.create or added), by name.</summary>
    public IReadOnlyCollection<FakeChannel> Channels => _channels.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    /// <summary>The Home tab last published to this person (the <c>view</c> of views.publish), if any.</summary>
    public JsonNode? Home(string userId) => _homes.GetValueOrDefault(userId);

    /// <summary>Files completed (shared) with files.completeUploadExternal, with their bytes and where they went.</summary>
    public IReadOnlyList<FakeUpload> SharedFiles() => _uploads.Values.Where(u => u.SharedTo is not null).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();

    public void AddUser(string id, string realName, string? email = null, string? title = null, IDictionary<string, string>? fields = null, bool isBot = false, bool isAdmin = false, bool isOwner = false, string? name = null)
    {
        var profileFields = new JsonObject();
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            profileFields[key] = new JsonObject { ["value"] = value, ["alt"] = string.Empty };
        }

        _users[id] = new JsonObject
        {
            ["id"] = id,
            ["team_id"] = "T111",
            ["name"] = name ?? realName.ToLowerInvariant().Replace(' ', '.'),
            ["deleted"] = false,
            ["real_name"] = realName,
            ["tz"] = "Europe/London",
            ["is_bot"] = isBot,
            ["is_admin"] = isAdmin,
            ["is_owner"] = isOwner,
            ["profile"] = new JsonObject
            {
                ["real_name"] = realName,
                ["display_name"] = realName,
                ["email"] = email ?? $"{realName.ToLowerInvariant().Replace(' ', '.')}@example.com",
                ["title"] = title ?? string.Empty,
                ["image_72"] = $"https://avatars.example.com/{id}_72.png",
                ["fields"] = profileFields,
            },
        };
    }

    /// <summary>A user group (<c>usergroups.list</c>) whose handle people write as <c>@handle</c>.</summary>
    public void AddUserGroup(string id, string handle, params string[] members) => _groups[id] = ([handle], members.ToList());

    /// <summary>
    /// A file uploaded through a modal's file_input: the returned <c>url_private</c> serves it only with the bot
    /// token, as Slack does (without it Slack answers its sign-in page).
    /// </summary>
    public string AddFile(string name, string content)
    {
        var id = "F" + (1000 + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture);
        _files[id] = content;
        return $"{Server.Url}/files-pri/T111-{id}/{Uri.EscapeDataString(name)}";
    }

    /// <summary>
    /// Does <paramref name="method"/> at once (the message is posted, the channel made) but answers only after
    /// <paramref name="delay"/>: a caller that dies meanwhile never hears that it happened.
    /// </summary>
    public void SlowDown(string method, TimeSpan delay) =>
        Server.Given(Request.Create().WithPath("/api/" + method).UsingPost()).AtPriority(1).WithTitle("override:" + method)
            .RespondWith(Response.Create().WithCallback(req =>
            {
                var answer = _answers[method](req);
                Thread.Sleep(delay); // WireMock's own delay comes before the callback, so before the effect.
                return answer;
            }));

    /// <summary>Messages as Slack holds them (posted, then updated), oldest first.</summary>
    public IReadOnlyList<(string Channel, string Ts, JsonNode Body)> Messages() => _messages.ToList();

    /// <summary>
    /// A message someone wrote in a channel, or in a thread of it (Slack holds it, so history and replies read it back),
    /// with any app's <paramref name="metadata"/>; answers its ts.
    /// </summary>
    public string AddMessage(string channel, string user, string text, string? threadTs = null, JsonObject? metadata = null)
    {
        var ts = NextTs();
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        if (metadata is not null)
        {
            body["metadata"] = metadata;
        }

        _messages.Enqueue((channel, ts, body));
        return ts;
    }

    /// <summary>A bot (<c>B…</c>) that bots.info knows; users.info answers user_not_found for its id, as Slack does.</summary>
    public void AddBot(string id, string name) => _bots[id] = name;

    public void Dispose() => Server.Stop();

    private void StubDefaults()
    {
        Stub("auth.test", _ => Ok(new JsonObject { ["url"] = "https://example.slack.com/", ["team"] = "Example", ["user"] = "irbot", ["team_id"] = "T111", ["user_id"] = IrBotApp.BotUserId, ["bot_id"] = "BIRBOT0001" }));
        Stub("conversations.create", CreateChannel);
        Stub("conversations.list", _ => Ok(new JsonObject
        {
            // Private channels only where the bot is a member, as Slack lists them for a bot token.
            ["channels"] = new JsonArray(_channels.Values.Where(c => !c.IsPrivate || c.Members.ContainsKey(IrBotApp.BotUserId)).Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = string.Empty },
        }));
        Stub("conversations.info", req =>
        {
            var id = Form(req).GetValueOrDefault("channel");
            var channel = _channels.Values.FirstOrDefault(c => c.Id == id);
            return channel is null ? Error("channel_not_found") : Ok(new JsonObject { ["channel"] = channel.ToJson() });
        });
        Stub("conversations.invite", req =>
        {
            var id = (string?)Json(req)["channel"];
            if (_channels.Values.FirstOrDefault(c => c.Id == id) is { } channel)
            {
                var users = ((string?)Json(req)["users"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
                // Slack invites nobody when someone named is in the channel already.
                if (users.Any(channel.Members.ContainsKey))
                {
                    return Error("already_in_channel");
                }

                foreach (var user in users)
                {
                    channel.Members[user] = true;
                }
            }

            return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = id } });
        });
        Stub("conversations.kick", req =>
        {
            var id = (string?)Json(req)["channel"];
            if (_channels.Values.FirstOrDefault(c => c.Id == id) is { } channel)
            {
                channel.Members.TryRemove((string?)Json(req)["user"] ?? string.Empty, out _);
            }

            return Ok(new JsonObject());
        });
        Stub("conversations.setPurpose", req => Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = (string?)Json(req)["channel"] } }));
        Stub("team.info", _ => Ok(new JsonObject { ["team"] = new JsonObject { ["id"] = "T111", ["name"] = "Example", ["domain"] = "example" } }));
        Stub("usergroups.list", _ => Ok(new JsonObject
        {
            ["usergroups"] = new JsonArray(_groups.Select(g => (JsonNode)new JsonObject { ["id"] = g.Key, ["team_id"] = "T111", ["handle"] = g.Value.Handles[0], ["name"] = g.Value.Handles[0] }).ToArray()),
        }));
        Stub("conversations.setTopic", req => Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = (string?)Json(req)["channel"] } }));
        Stub("conversations.archive", _ => Ok(new JsonObject()));
        Stub("conversations.open", req => Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = "D" + ((string?)Json(req)["users"] ?? "X") } }));
        Stub("conversations.members", Members);
        Stub("conversations.history", History);
        Stub("conversations.replies", Replies);
        Stub("chat.postMessage", req =>
        {
            var ts = NextTs();
            _messages.Enqueue(((string?)Json(req)["channel"] ?? string.Empty, ts, Json(req)));
            return Ok(new JsonObject { ["channel"] = (string?)Json(req)["channel"], ["ts"] = ts });
        });
        Stub("chat.postEphemeral", _ => Ok(new JsonObject { ["message_ts"] = NextTs() }));
        Stub("chat.update", req => Ok(new JsonObject { ["channel"] = (string?)Json(req)["channel"], ["ts"] = (string?)Json(req)["ts"] }));
        Stub("chat.getPermalink", req => Ok(new JsonObject { ["permalink"] = $"https://example.slack.com/archives/{Form(req).GetValueOrDefault("channel")}/p1" }));
        Stub("users.info", req =>
        {
            var id = Form(req).GetValueOrDefault("user") ?? string.Empty;
            return _users.TryGetValue(id, out var user) ? Ok(new JsonObject { ["user"] = user.DeepClone() }) : Error("user_not_found");
        });
        Stub("bots.info", req =>
        {
            var id = Form(req).GetValueOrDefault("bot") ?? string.Empty;
            return _bots.TryGetValue(id, out var name)
                ? Ok(new JsonObject { ["bot"] = new JsonObject { ["id"] = id, ["deleted"] = false, ["name"] = name, ["updated"] = 1449272004, ["app_id"] = "A" + id[1..], ["user_id"] = "U" + id[1..] } })
                : Error("bot_not_found");
        });
        Stub("users.profile.get", req =>
        {
            var id = Form(req).GetValueOrDefault("user") ?? string.Empty;
            if (!_users.TryGetValue(id, out var user))
            {
                return Error("user_not_found");
            }

            // A profile without custom fields carries "fields": [] here.
            var profile = user["profile"]!.DeepClone().AsObject();
            if (profile["fields"] is JsonObject { Count: 0 })
            {
                profile["fields"] = new JsonArray();
            }

            return Ok(new JsonObject { ["profile"] = profile });
        });
        Stub("users.list", _ => Ok(new JsonObject
        {
            ["members"] = new JsonArray(_users.Values.OrderBy(u => (string?)u["id"], StringComparer.Ordinal).Select((u, i) => (JsonNode)WithoutCustomFields(u, i)).ToArray()),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = string.Empty },
        }));
        Stub("usergroups.users.list", req => Ok(new JsonObject
        {
            ["users"] = new JsonArray((_groups.TryGetValue(Form(req).GetValueOrDefault("usergroup") ?? string.Empty, out var g) ? g.Members : []).Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
        }));
        Stub("views.open", _ => Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = "V" + Interlocked.Increment(ref _sequence), ["hash"] = "h1" } }));
        Stub("views.update", _ => Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = "V1", ["hash"] = "h2" } }));
        Stub("views.push", _ => Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = "V2", ["hash"] = "h3" } }));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/files-pri/*")).UsingGet())
            .AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithCallback(req =>
            {
                var id = req.Path.Split('/')[2].Split('-').Last();
                var authorized = req.Headers?.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault() == "Bearer " + IrBotApp.BotToken;
                return new ResponseMessage
                {
                    StatusCode = authorized && _files.ContainsKey(id) ? 200 : authorized ? 404 : 200,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(authorized ? "application/json" : "text/html") },
                    BodyData = new BodyData
                    {
                        BodyAsString = authorized ? _files.GetValueOrDefault(id, string.Empty) : "<!DOCTYPE html><html><body>Sign in to Slack</body></html>",
                        DetectedBodyType = BodyType.String,
                    },
                };
            }));
        Stub("views.publish", PublishHome);
        Stub("apps.connections.open", OpenSocketConnection);
        Stub("files.getUploadURLExternal", GetUploadUrl);
        Stub("files.completeUploadExternal", CompleteUpload);
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/upload/*")).UsingPost())
            .AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithCallback(ReceiveUpload));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/response/*")).UsingPost())
            .AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
    }

    private void Stub(string method, Func<IRequestMessage, JsonObject> answer)
    {
        _answers[method] = req =>
        {
            var retryAfter = TakeRateLimit(method) ? TimeSpan.FromSeconds(1) : TakeChannelRateLimit(method, req) ?? RateLimiter?.Invoke(method, req);
            if (retryAfter is { } wait)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ResponseMessage
                {
                    StatusCode = 429,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Retry-After"] = new(seconds), ["Content-Type"] = new("application/json; charset=utf-8") },
                    BodyData = new BodyData { BodyAsString = Error("ratelimited").ToJsonString(), DetectedBodyType = BodyType.String },
                };
            }

            var queued = TakeQueuedFailure(method);
            var hidden = queued is null ? HiddenChannel(method, req) : null;
            var body = queued is not null ? Error(queued.Value.Error, queued.Value.Needed)
                : hidden is not null ? Error(hidden) : answer(req);
            return new ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
                BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
            };
        };
        Server.Given(Request.Create().WithPath("/api/" + method).UsingPost())
            .AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithCallback(req => _answers[method](req)));
    }

    private bool TakeRateLimit(string method)
    {
        lock (_rateLimited)
        {
            if (_rateLimited.TryGetValue(method, out var n) && n > 0)
            {
                _rateLimited[method] = n - 1;
                return true;
            }

            return false;
        }
    }

    private TimeSpan? TakeChannelRateLimit(string method, IRequestMessage request)
    {
        if (_rateLimitedChannels.IsEmpty || !method.StartsWith("chat.", StringComparison.Ordinal))
        {
            return null;
        }

        var channel = (string?)Json(request)["channel"] ?? string.Empty;
        lock (_rateLimitedChannels)
        {
            if (_rateLimitedChannels.TryGetValue(channel, out var limit) && limit.Times > 0)
            {
                _rateLimitedChannels[channel] = (limit.Times - 1, limit.RetryAfterSeconds);
                return TimeSpan.FromSeconds(limit.RetryAfterSeconds);
            }

            return null;
        }
    }

    /// <summary>
    /// users.list does not carry custom profile fields: Slack sends <c>fields</c> as <c>{}</c>, <c>[]</c> or
    /// null there (users.profile.get has them), so the fake sends each shape in turn.
    /// </summary>
    private static JsonObject WithoutCustomFields(JsonObject user, int index)
    {
        var copy = user.DeepClone().AsObject();
        copy["profile"]!["fields"] = (index % 3) switch
        {
            0 => new JsonObject(),
            1 => new JsonArray(),
            _ => null,
        };
        return copy;
    }

    private (string Error, string? Needed)? TakeQueuedFailure(string method)
    {
        lock (_queuedFailures)
        {
            var all = _queuedFailures.ToList();
            var index = all.FindIndex(f => f.Method == method);
            if (index < 0)
            {
                return null;
            }

            _queuedFailures.Clear();
            for (var i = 0; i < all.Count; i++)
            {
                if (i != index)
                {
                    _queuedFailures.Enqueue(all[i]);
                }
            }

            return (all[index].Error, all[index].Needed);
        }
    }

    /// <summary>
    /// Slack hides a private channel from a bot that is not in it: every call naming it answers <c>channel_not_found</c>
    /// (public channels answer the call, or <c>not_in_channel</c> where Slack does; not modelled here).
    /// </summary>
    private string? HiddenChannel(string method, IRequestMessage request)
    {
        if (!method.StartsWith("conversations.", StringComparison.Ordinal) && !method.StartsWith("chat.", StringComparison.Ordinal))
        {
            return null;
        }

        var id = request.Body is { Length: > 0 } body && body.TrimStart().StartsWith('{')
            ? (string?)Json(request)["channel"]
            : Form(request).GetValueOrDefault("channel");
        var channel = id is null ? null : _channels.Values.FirstOrDefault(c => c.Id == id);
        return channel is { IsPrivate: true } && !channel.Members.ContainsKey(IrBotApp.BotUserId) ? "channel_not_found" : null;
    }

    private JsonObject CreateChannel(IRequestMessage request)
    {
        var json = Json(request);
        var name = (string?)json["name"] ?? string.Empty;
        var isPrivate = json["is_private"] is JsonValue v && v.TryGetValue<bool>(out var p) && p;
        // Slack's ids: C… for public channels; new private channels get C… ids too (G… only for old ones).
        var id = "C" + (1000 + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture) + "NEW";
        var channel = new FakeChannel(id, name, IrBotApp.BotUserId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), isPrivate);
        channel.Members[IrBotApp.BotUserId] = true;
        return _channels.TryAdd(name, channel) ? Ok(new JsonObject { ["channel"] = channel.ToJson() }) : Error("name_taken");
    }

    private JsonObject History(IRequestMessage request)
    {
        var channel = Form(request).GetValueOrDefault("channel");
        // What was posted, as Slack stored it when it answered (so a message whose answer never reached us is there too);
        // like Slack, only the channel's own messages: thread replies are read with conversations.replies.
        var messages = _messages
            .Where(m => m.Channel == channel && m.Body["thread_ts"] is null)
            .Reverse()
            .Select(m => (JsonNode)AsStored(m))
            .ToArray();
        return Ok(new JsonObject { ["messages"] = new JsonArray(messages), ["has_more"] = false });
    }

    /// <summary>
    /// conversations.replies: the parent then its replies, oldest first, a page of <c>limit</c> (default 1000) with a
    /// cursor to the next. Refuses as Slack does: no channel (<c>channel_not_found</c>), no or unknown <c>ts</c>
    /// (<c>thread_not_found</c>), a public channel the bot is not in (<c>not_in_channel</c>), a cursor it did not give
    /// (<c>invalid_cursor</c>).
    /// </summary>
    private JsonObject Replies(IRequestMessage request)
    {
        var form = Form(request);
        var channelId = form.GetValueOrDefault("channel");
        if (string.IsNullOrEmpty(channelId))
        {
            return Error("channel_not_found");
        }

        if (_channels.Values.FirstOrDefault(c => c.Id == channelId) is { IsPrivate: false } channel && !channel.Members.ContainsKey(IrBotApp.BotUserId))
        {
            return Error("not_in_channel");
        }

        var ts = form.GetValueOrDefault("ts");
        var inChannel = _messages.Where(m => m.Channel == channelId).ToList();
        var named = inChannel.FirstOrDefault(m => m.Ts == ts);
        if (string.IsNullOrEmpty(ts) || named.Body is null)
        {
            return Error("thread_not_found");
        }

        // Any message of a thread names the thread.
        var root = (string?)named.Body["thread_ts"] ?? ts;
        var thread = inChannel.Where(m => m.Ts == root || (string?)m.Body["thread_ts"] == root).OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();
        var limit = int.TryParse(form.GetValueOrDefault("limit"), CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 1000) : 1000;
        var start = 0;
        if (form.GetValueOrDefault("cursor") is { Length: > 0 } cursor
            && !(cursor.StartsWith(CursorPrefix, StringComparison.Ordinal) && int.TryParse(cursor[CursorPrefix.Length..], CultureInfo.InvariantCulture, out start) && start > 0 && start < thread.Count))
        {
            return Error("invalid_cursor");
        }

        var page = thread.Skip(start).Take(limit).Select(m =>
        {
            var message = AsStored(m);
            if (m.Ts != root)
            {
                message["thread_ts"] = root;
                message["parent_user_id"] = IrBotApp.BotUserId;
            }
            else if (thread.Count > 1)
            {
                message["thread_ts"] = root;
                message["reply_count"] = thread.Count - 1;
            }

            return (JsonNode)message;
        }).ToArray();
        var next = start + limit < thread.Count ? CursorPrefix + (start + limit).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return Ok(new JsonObject
        {
            ["messages"] = new JsonArray(page),
            ["has_more"] = next.Length > 0,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    /// <summary>A message as history and replies return it: ours unless a person wrote it (<see cref="AddMessage"/>).</summary>
    private static JsonObject AsStored((string Channel, string Ts, JsonNode Body) m)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["user"] = (string?)m.Body["user"] ?? IrBotApp.BotUserId,
            ["text"] = (string?)m.Body["text"],
            ["ts"] = m.Ts,
            ["metadata"] = m.Body["metadata"]?.DeepClone(),
        };
        if (m.Body["user"] is null)
        {
            message["bot_id"] = "BIRBOT0001";
        }

        return message;
    }

    /// <summary>
    /// conversations.members: who is in the channel, in pages of <c>limit</c> (default 100, at most 1000) with an
    /// opaque cursor; <c>channel_not_found</c> for a channel Slack does not know (a private one the bot is not in is
    /// hidden before this, by <see cref="HiddenChannel"/>), <c>invalid_cursor</c> for a cursor it did not hand out.
    /// </summary>
    private JsonObject Members(IRequestMessage request)
    {
        var form = Form(request);
        var id = form.GetValueOrDefault("channel");
        if (_channels.Values.FirstOrDefault(c => c.Id == id) is not { } channel)
        {
            return Error("channel_not_found");
        }

        var limit = int.TryParse(form.GetValueOrDefault("limit"), CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 1000) : 100;
        var offset = 0;
        if (form.GetValueOrDefault("cursor") is { Length: > 0 } cursor)
        {
            var decoded = Convert.TryFromBase64String(cursor, new byte[cursor.Length], out var written) ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)) : string.Empty;
            if (written == 0 || !decoded.StartsWith("offset:", StringComparison.Ordinal) || !int.TryParse(decoded["offset:".Length..], CultureInfo.InvariantCulture, out offset))
            {
                return Error("invalid_cursor");
            }
        }

        var all = channel.Members.Keys.Order(StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < all.Count
            ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("offset:" + (offset + page.Count).ToString(CultureInfo.InvariantCulture)))
            : string.Empty;
        return Ok(new JsonObject
        {
            ["members"] = new JsonArray(page.Select(m => (JsonNode)m).ToArray()),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    /// <summary>views.publish: a <c>home</c> view for a user, at most 100 blocks, block ids unique (Slack refuses the rest).</summary>
    private JsonObject PublishHome(IRequestMessage request)
    {
        var body = Json(request);
        var userId = (string?)body["user_id"];
        if (string.IsNullOrEmpty(userId) || body["view"] is not JsonObject view || (string?)view["type"] != "home")
        {
            return Error("invalid_arguments");
        }

        var blocks = view["blocks"] as JsonArray ?? [];
        var ids = blocks.Select(b => (string?)b?["block_id"]).OfType<string>().ToList();
        if (blocks.Count > 100 || ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
        {
            return Error("invalid_blocks");
        }

        _homes[userId] = view.DeepClone();
        return Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = "VHOME" + userId, ["type"] = "home" } });
    }

    /// <summary>files.getUploadURLExternal: filename and a positive length are required.</summary>
    private JsonObject GetUploadUrl(IRequestMessage request)
    {
        var form = Form(request);
        if (!form.TryGetValue("filename", out var filename) || filename.Length == 0
            || !form.TryGetValue("length", out var lengthText) || !long.TryParse(lengthText, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return Error("invalid_arguments");
        }

        var id = "F" + (1000 + Interlocked.Increment(ref _sequence)).ToString(CultureInfo.InvariantCulture) + "CSV";
        _uploads[id] = new FakeUpload(id, filename, length);
        return Ok(new JsonObject { ["upload_url"] = $"{Server.Url}/upload/{id}", ["file_id"] = id });
    }

    /// <summary>The upload URL: takes the bytes of a reserved file once; a size other than the one announced is refused.</summary>
    private ResponseMessage ReceiveUpload(IRequestMessage request)
    {
        var id = request.Path["/upload/".Length..];
        var bytes = request.BodyAsBytes ?? (request.Body is null ? [] : System.Text.Encoding.UTF8.GetBytes(request.Body));
        var status = !_uploads.TryGetValue(id, out var upload) ? 404
            : upload.Content is not null || bytes.Length != upload.Length ? 400
            : 200;
        if (status == 200)
        {
            upload!.Content = bytes;
        }

        return new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = status == 200 ? $"OK - {bytes.Length}" : "Bad request", DetectedBodyType = BodyType.String },
        };
    }

    /// <summary>files.completeUploadExternal: every file must have been reserved and its bytes sent; shares it in channel_id.</summary>
    private JsonObject CompleteUpload(IRequestMessage request)
    {
        var form = Form(request);
        JsonArray? files;
        try
        {
            files = form.TryGetValue("files", out var json) ? JsonNode.Parse(json) as JsonArray : null;
        }
        catch (JsonException)
        {
            files = null;
        }

        if (files is null || files.Count == 0)
        {
            return Error("invalid_arguments");
        }

        var uploads = new List<FakeUpload>();
        foreach (var file in files)
        {
            var id = (string?)file?["id"];
            if (id is null || !_uploads.TryGetValue(id, out var upload) || upload.Content is null || upload.SharedTo is not null)
            {
                return Error("file_not_found");
            }

            uploads.Add(upload);
        }

        foreach (var upload in uploads)
        {
            upload.SharedTo = form.GetValueOrDefault("channel_id") ?? string.Empty;
            upload.Comment = form.GetValueOrDefault("initial_comment");
        }

        return Ok(new JsonObject { ["files"] = new JsonArray(uploads.Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["title"] = u.Filename }).ToArray()) });
    }

    /// <summary>Where <c>apps.connections.open</c> sends Socket Mode clients (set by <see cref="FakeSocketMode"/>).</summary>
    public string? SocketModeUrl { get; set; }

    /// <summary>Only an app-level token opens a connection, as with Slack; a bot token is <c>not_allowed_token_type</c>.</summary>
    private JsonObject OpenSocketConnection(IRequestMessage req)
    {
        var authorization = req.Headers?.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Error("not_authed");
        }

        var token = authorization["Bearer ".Length..];
        if (!token.StartsWith("xapp-", StringComparison.Ordinal))
        {
            return Error(token.StartsWith("xox", StringComparison.Ordinal) ? "not_allowed_token_type" : "invalid_auth");
        }

        return SocketModeUrl is null
            ? Error("invalid_auth")
            : Ok(new JsonObject { ["url"] = $"{SocketModeUrl}?ticket={Guid.NewGuid():N}&app_id=A0IRBOT001" });
    }

    private string NextTs() =>
        $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _sequence):D6}";

    private static JsonObject Ok(JsonObject body)
    {
        body["ok"] = true;
        return body;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private static JsonObject Error(string error, string? needed)
    {
        var body = Error(error);
        if (needed is not null)
        {
            body["needed"] = needed;
            body["provided"] = "chat:write,channels:read";
        }

        return body;
    }

    private static JsonNode Json(IRequestMessage request) => JsonNode.Parse(request.Body ?? "{}") ?? new JsonObject();

    private static Dictionary<string, string> Form(IRequestMessage request) =>
        QueryHelpers.ParseQuery(request.Body ?? string.Empty).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
}

public sealed record FakeChannel(string Id, string Name, string Creator, long Created, bool IsPrivate = false)
{
    /// <summary>Who is in the channel (tracked for private channels, which Slack hides from a bot outside them).</summary>
    public ConcurrentDictionary<string, bool> Members { get; } = new(StringComparer.Ordinal);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["is_channel"] = true,
        ["is_group"] = false,
        ["is_private"] = IsPrivate,
        ["is_archived"] = false,
        ["creator"] = Creator,
        ["created"] = Created,
    };
}

/// <summary>A file reserved with files.getUploadURLExternal; <see cref="Content"/> once sent, <see cref="SharedTo"/> once completed.</summary>
public sealed class FakeUpload(string id, string filename, long length)
{
    public string Id { get; } = id;
    public string Filename { get; } = filename;
    public long Length { get; } = length;
    public byte[]? Content { get; set; }
    public string? SharedTo { get; set; }
    public string? Comment { get; set; }

    public string Text => System.Text.Encoding.UTF8.GetString(Content ?? []);
}

/// <summary>One request Slack received: JSON body for write methods, form fields for read methods.</summary>
public sealed record SlackCall(string Method, string Body, IDictionary<string, WireMockList<string>>? Headers)
{
    public JsonNode Json => JsonNode.Parse(Body.Length == 0 ? "{}" : Body) ?? new JsonObject();

    public IReadOnlyDictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Body).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    public string? Authorization => Headers?.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
