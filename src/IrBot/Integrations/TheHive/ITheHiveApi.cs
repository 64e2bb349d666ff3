using System.Text.Json.Serialization;
using Refit;

namespace IrBot.Integrations.TheHive;

/// <summary>TheHive 5 (<c>/api/v1</c>). Paths are relative to <c>TheHive:BaseUrl</c>.</summary>
public interface ITheHiveApi
{
    /// <summary>201 with the case. Not idempotent: after a timeout, <see cref="QueryCasesAsync"/> by tag first.</summary>
    [Post("/api/v1/case")]
    Task<TheHiveCase> CreateCaseAsync([Body] CreateCaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>The user the API key belongs to: a read-only check that the key and organisation are accepted.</summary>
    [Get("/api/v1/user/current")]
    Task<System.Text.Json.JsonElement> CurrentUserAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/case/{idOrNumber}")]
    Task<TheHiveCase> GetCaseAsync(string idOrNumber, CancellationToken cancellationToken = default);

    /// <summary>204 without a body.</summary>
    [Patch("/api/v1/case/{idOrNumber}")]
    Task UpdateCaseAsync(string idOrNumber, [Body] UpdateCaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>The Query API: a list of operations (<c>listCase</c>, <c>filter</c>, <c>page</c>) → an array of cases.</summary>
    [Post("/api/v1/query?name=cases")]
    Task<IReadOnlyList<TheHiveCase>> QueryCasesAsync([Body] TheHiveQuery query, CancellationToken cancellationToken = default);
}

/// <summary>InputCreateCase: title and description are required; tlp/pap 2 is amber.</summary>
public sealed record CreateCaseRequest
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    public int Severity { get; init; } = 2;
    public int Tlp { get; init; } = 2;
    public int Pap { get; init; } = 2;
    public bool Flag { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>
/// InputUpdateCase. TheHive 5 folds TheHive 4's resolutionStatus into <see cref="Status"/>
/// (TruePositive, FalsePositive, Indeterminate, Duplicated, Other close the case).
/// </summary>
public sealed record UpdateCaseRequest
{
    public string? Status { get; init; }
    public string? ImpactStatus { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string>? AddTags { get; init; }
}

public sealed record TheHiveCase
{
    [JsonPropertyName("_id")]
    public required string Id { get; init; }

    public int Number { get; init; }
    public string? Title { get; init; }
    public string? Status { get; init; }
    public string? Stage { get; init; }
    public string? ImpactStatus { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>The Query API body: <c>{"query":[{"_name":"listCase"},{"_name":"filter","_eq":{…}},{"_name":"page",…}]}</c>.</summary>
public sealed record TheHiveQuery
{
    public required IReadOnlyList<object> Query { get; init; }

    public static TheHiveQuery CasesTagged(string tag) => new()
    {
        Query =
        [
            new QueryOperation { Name = "listCase" },
            new QueryOperation { Name = "filter", Eq = new FieldValue(Field: "tags", Value: tag) },
            new QueryOperation { Name = "page", From = 0, To = 10 },
        ],
    };
}

public sealed record QueryOperation
{
    [JsonPropertyName("_name")]
    public required string Name { get; init; }

    [JsonPropertyName("_eq")]
    public FieldValue? Eq { get; init; }

    public int? From { get; init; }
    public int? To { get; init; }
}

public sealed record FieldValue(
    [property: JsonPropertyName("_field")] string Field,
    [property: JsonPropertyName("_value")] string Value);
