using System.Globalization;
using System.Text;
using FunctionsDownloader.Operations;
using FunctionsDownloader.Security;
using Microsoft.OpenApi;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document of the v1 API with Microsoft.OpenApi's object model, from
/// <see cref="ApiCatalog"/> and <see cref="ApiSchemas"/>. It depends on no host's endpoint metadata, so
/// the Functions app and the Standalone host serve the same document.
/// </summary>
public static class OpenApiDocumentFactory
{
    private const string SecurityScheme = "ApiKey";

    private static readonly Dictionary<string, string> PathParameters = new(StringComparer.Ordinal)
    {
        ["request_id"] = "The job's id, as returned when it was created.",
        ["batch_id"] = "The batch's id, as returned when it was created.",
        ["key_id"] = "The key's id, as listed by GET /api/v1/auth/keys.",
        ["cookies_id"] = "The cookies file's id, as returned when it was uploaded.",
    };

    /// <summary>The document.</summary>
    public static OpenApiDocument Create()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "FunctionsDownloader API",
                Version = HealthHandlers.ServiceVersion,
                Description = "Download media with yt-dlp and ffmpeg: post a URL, follow the job, fetch the file " +
                    "from its expiring link. Version 1 of the API; every route but health and this document " +
                    "takes an API key in the X-API-Key header.",
            },
            Servers = [new OpenApiServer { Url = "/", Description = "This service." }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [SecurityScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = ApiKeyAuthenticator.HeaderName,
                        Description = "An API key made by the admin key (POST /api/v1/auth/keys), or the admin key.",
                    },
                },
            },
            Tags = new HashSet<OpenApiTag>(
                ApiCatalog.Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })),
        };
        ApiSchemas.AddTo(document);

        foreach (IGrouping<string, ApiOperation> path in ApiCatalog.Operations.GroupBy(o => o.Path))
        {
            var item = new OpenApiPathItem();
            foreach (ApiOperation operation in path)
            {
                item.AddOperation(HttpMethod.Parse(operation.Method), Operation(document, operation));
            }

            document.Paths[path.Key] = item;
        }

        return document;
    }

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static byte[] ToJson(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static OpenApiOperation Operation(OpenApiDocument document, ApiOperation operation)
    {
        var result = new OpenApiOperation
        {
            OperationId = operation.Id,
            Summary = operation.Summary,
            Description = operation.Description,
            Tags = new HashSet<OpenApiTagReference> { new(operation.Tag, document) },
            Parameters = [.. PathParametersOf(operation.Path), .. operation.Parameters.Select(Parameter)],
            Responses = [],
        };

        if (operation.Body.Count > 0)
        {
            result.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = operation.Body.ToDictionary(
                    c => c.MediaType, c => (IOpenApiMediaType)MediaType(document, c), StringComparer.Ordinal),
            };
        }

        // Anonymous routes say so with an empty list, rather than by saying nothing.
        result.Security = operation.Anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];

        foreach (ApiAnswer answer in operation.Answers.Concat(SharedAnswers(operation)).OrderBy(a => a.Status))
        {
            result.Responses.TryAdd(answer.Status.ToString(CultureInfo.InvariantCulture), Response(document, answer));
        }

        return result;
    }

    /// <summary>What every route may answer besides its own answers.</summary>
    private static IEnumerable<ApiAnswer> SharedAnswers(ApiOperation operation)
    {
        if (!operation.Anonymous)
        {
            yield return new ApiAnswer(401, "No API key, or one that is not valid.", ApiCatalog.ProblemContent());
        }

        if (RateLimitCategory.Of(operation.Method, operation.Path) is not null)
        {
            yield return new ApiAnswer(
                429, "Over the rate limit; retry after Retry-After seconds.", ApiCatalog.ProblemContent());
        }

        yield return new ApiAnswer(
            503, "Storage or the task hub is not answering; retry after Retry-After.", ApiCatalog.ProblemContent());
    }

    private static OpenApiResponse Response(OpenApiDocument document, ApiAnswer answer)
    {
        var response = new OpenApiResponse { Description = answer.Description };
        if (answer.Content is { } content)
        {
            response.Content = new[] { content }.Concat(answer.Alternatives).ToDictionary(
                c => c.MediaType, c => (IOpenApiMediaType)MediaType(document, c), StringComparer.Ordinal);
        }

        string[] headers = answer.Status switch
        {
            201 => ["Location"],
            429 => ["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
            503 => ["Retry-After"],
            _ => [],
        };
        if (headers.Length > 0)
        {
            response.Headers = headers.ToDictionary(
                h => h,
                h => (IOpenApiHeader)new OpenApiHeader
                {
                    Schema = SchemaOf(h == "Location" ? JsonSchemaType.String : JsonSchemaType.Integer),
                },
                StringComparer.Ordinal);
        }

        return response;
    }

    private static OpenApiMediaType MediaType(OpenApiDocument document, ApiContent content) => new()
    {
        Schema = content.Schema is null
            ? SchemaOf(content.MediaType == "application/json" ? JsonSchemaType.Object : JsonSchemaType.String)
            : new OpenApiSchemaReference(content.Schema, document),
        Examples = content.Examples?.ToDictionary(
            e => e.Key,
            e => (IOpenApiExample)new OpenApiExample { Value = e.Value.DeepClone() },
            StringComparer.Ordinal),
    };

    private static IEnumerable<IOpenApiParameter> PathParametersOf(string path) =>
        path.Split('/')
            .Where(segment => segment.StartsWith('{') && segment.EndsWith('}'))
            .Select(segment => segment[1..^1])
            .Select(name => new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = PathParameters[name],
                Schema = SchemaOf(JsonSchemaType.String),
            });

    private static OpenApiSchema SchemaOf(JsonSchemaType type) => new() { Type = type };

    private static OpenApiParameter Parameter(ApiParameter parameter) => new()
    {
        Name = parameter.Name,
        In = parameter.In == "header" ? ParameterLocation.Header : ParameterLocation.Query,
        Required = parameter.Required,
        Description = parameter.Description,
        Schema = SchemaOf(parameter.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String),
        Example = parameter.Example is null ? null : parameter.Type == "integer"
            ? System.Text.Json.Nodes.JsonValue.Create(int.Parse(parameter.Example, CultureInfo.InvariantCulture))
            : System.Text.Json.Nodes.JsonValue.Create(parameter.Example),
    };
}
