using System.Text.Json.Serialization;
using Refit;

namespace IrBot.Integrations.Confluence;

/// <summary>
/// Confluence Cloud: v2 (<c>/wiki/api/v2</c>) for pages; v1 (<c>/wiki/rest/api</c>) for what v2 lacks —
/// templates, labels and the page status (content state). Paths are relative to <c>Confluence:BaseUrl</c>
/// (the site, e.g. <c>https://example.atlassian.net</c>).
/// </summary>
public interface IConfluenceApi
{
    [Get("/wiki/api/v2/spaces")]
    Task<ConfluenceList<ConfluenceSpace>> GetSpacesAsync([AliasAs("keys")] string keys, CancellationToken cancellationToken = default);

    [Get("/wiki/api/v2/pages/{id}?body-format=storage")]
    Task<ConfluencePage> GetPageAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Finds pages by exact title in a space (to look before creating again).</summary>
    [Get("/wiki/api/v2/pages")]
    Task<ConfluenceList<ConfluencePage>> FindPagesAsync([AliasAs("space-id")] string spaceId, [AliasAs("title")] string title, CancellationToken cancellationToken = default);

    [Post("/wiki/api/v2/pages")]
    Task<ConfluencePage> CreatePageAsync([Body] CreatePageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Version must be the current one + 1, or Confluence answers 409.</summary>
    [Put("/wiki/api/v2/pages/{id}")]
    Task<ConfluencePage> UpdatePageAsync(string id, [Body] UpdatePageRequest request, CancellationToken cancellationToken = default);

    [Get("/wiki/rest/api/template/{templateId}")]
    Task<ConfluenceTemplate> GetTemplateAsync(string templateId, CancellationToken cancellationToken = default);

    [Post("/wiki/rest/api/content/{id}/label")]
    Task<ConfluenceList<ConfluenceLabel>> AddLabelsAsync(string id, [Body] IReadOnlyList<ConfluenceLabel> labels, CancellationToken cancellationToken = default);

    /// <summary>The page status (content state) of the published page; <c>contentState</c> is null when none is set.</summary>
    [Get("/wiki/rest/api/content/{id}/state?status=current")]
    Task<ContentStateResponse> GetContentStateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the page status (content state) shown beside the title; publishes a new page version. Pass a state's
    /// <c>id</c> (a space state), or a <c>name</c> and <c>color</c> (a custom state: refused when the space forbids them).
    /// </summary>
    [Put("/wiki/rest/api/content/{id}/state?status=current")]
    Task<ContentStateResponse> SetContentStateAsync(string id, [Body] ContentState state, CancellationToken cancellationToken = default);

    /// <summary>Clears the page status; publishes a new page version.</summary>
    [Delete("/wiki/rest/api/content/{id}/state?status=current")]
    Task<ContentStateResponse> RemoveContentStateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>What the space allows (states at all, its own states, custom ones). Needs space admin: 403 otherwise.</summary>
    [Get("/wiki/rest/api/space/{spaceKey}/state/settings")]
    Task<ContentStateSettings> GetContentStateSettingsAsync(string spaceKey, CancellationToken cancellationToken = default);

    /// <summary>The states this page may take (needs only edit permission): a null list means that kind is off in the space.</summary>
    [Get("/wiki/rest/api/content/{id}/state/available")]
    Task<AvailableContentStates> GetAvailableContentStatesAsync(string id, CancellationToken cancellationToken = default);
}

public sealed record ConfluenceList<T>
{
    public IReadOnlyList<T> Results { get; init; } = [];

    /// <summary>A list carries the site's <c>base</c> here, not in each result's links.</summary>
    [JsonPropertyName("_links")]
    public PageLinks? Links { get; init; }
}

public sealed record ConfluenceSpace
{
    public required string Id { get; init; }
    public string? Key { get; init; }
    public string? Name { get; init; }
}

public sealed record ConfluencePage
{
    public required string Id { get; init; }
    public string? Status { get; init; }
    public string? Title { get; init; }
    public string? SpaceId { get; init; }
    public string? ParentId { get; init; }
    public PageVersion? Version { get; init; }
    public PageBody? Body { get; init; }

    [JsonPropertyName("_links")]
    public PageLinks? Links { get; init; }

    /// <summary>The browser URL: <c>_links.base</c> (or <paramref name="wikiBaseUrl"/> when absent) + <c>_links.webui</c>.</summary>
    public string? WebUrl(string wikiBaseUrl) =>
        Links?.Webui is null ? null : (Links.Base ?? wikiBaseUrl) + Links.Webui;
}

public sealed record PageVersion
{
    public int Number { get; init; }
    public string? Message { get; init; }
}

public sealed record PageBody
{
    public StorageBody? Storage { get; init; }
}

public sealed record StorageBody
{
    public string Representation { get; init; } = "storage";
    public string Value { get; init; } = string.Empty;
}

public sealed record PageLinks
{
    public string? Webui { get; init; }
    public string? Base { get; init; }
}

/// <summary>v2 create body: <c>body</c> is <c>{representation, value}</c> directly.</summary>
public sealed record CreatePageRequest
{
    public required string SpaceId { get; init; }
    public string Status { get; init; } = "current";
    public required string Title { get; init; }
    public string? ParentId { get; init; }
    public required StorageBody Body { get; init; }
}

/// <summary>v2 update body: all of id, status, title, body and version are required.</summary>
public sealed record UpdatePageRequest
{
    public required string Id { get; init; }
    public string Status { get; init; } = "current";
    public required string Title { get; init; }
    public required StorageBody Body { get; init; }
    public required PageVersion Version { get; init; }
}

public sealed record ConfluenceTemplate
{
    public string? TemplateId { get; init; }
    public string? Name { get; init; }
    public TemplateBody? Body { get; init; }
}

public sealed record TemplateBody
{
    public StorageBody? Storage { get; init; }
}

public sealed record ConfluenceLabel
{
    public string Prefix { get; init; } = "global";
    public required string Name { get; init; }
}

public sealed record ContentState
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public string? Color { get; init; }
}

public sealed record ContentStateResponse
{
    public ContentState? ContentState { get; init; }
}

public sealed record ContentStateSettings
{
    public bool ContentStatesAllowed { get; init; }
    public bool CustomContentStatesAllowed { get; init; }
    public bool SpaceContentStatesAllowed { get; init; }
    public IReadOnlyList<ContentState>? SpaceContentStates { get; init; }
}

public sealed record AvailableContentStates
{
    public IReadOnlyList<ContentState>? SpaceContentStates { get; init; }
    public IReadOnlyList<ContentState>? CustomContentStates { get; init; }
}
