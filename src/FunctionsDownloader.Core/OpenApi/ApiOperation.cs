using System.Text.Json.Nodes;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// One route of the v1 contract as the OpenAPI document describes it. <see cref="Path"/> is the
/// contract's form (<c>/api/v1/download/{request_id}</c>); the hosts may name path parameters otherwise.
/// </summary>
public sealed record ApiOperation(string Method, string Path, string Id, string Tag, string Summary)
{
    public string? Description { get; init; }

    /// <summary>Whether the route takes no API key.</summary>
    public bool Anonymous { get; init; }

    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>The request body's forms (one per media type); empty for none.</summary>
    public IReadOnlyList<ApiContent> Body { get; init; } = [];

    /// <summary>The answers besides those every route shares (401, 429, 503), which the document adds.</summary>
    public IReadOnlyList<ApiAnswer> Answers { get; init; } = [];
}

/// <summary>
/// A query parameter, or a header when <paramref name="In"/> is <c>header</c>; <paramref name="Type"/>
/// is a JSON Schema type.
/// </summary>
public sealed record ApiParameter(
    string Name,
    string Description,
    bool Required = false,
    string Type = "string",
    string? Example = null,
    string In = "query");

/// <summary>
/// A body of <paramref name="MediaType"/>: the component schema <paramref name="Schema"/>, or a string
/// when it is <c>null</c>; <paramref name="Examples"/> are named examples, shown in that order.
/// </summary>
public sealed record ApiContent(
    string MediaType,
    string? Schema,
    IReadOnlyDictionary<string, JsonNode>? Examples = null);

/// <summary>An answer: status, what it means, and its body, if any.</summary>
public sealed record ApiAnswer(int Status, string Description, ApiContent? Content = null)
{
    /// <summary>Other media types the body may come in, chosen by the request's Accept header.</summary>
    public IReadOnlyList<ApiContent> Alternatives { get; init; } = [];
}
