using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FunctionsDownloader.Batches;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Http;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.Operations;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Security;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// The document's component schemas. Those of the contract's records are generated from the records
/// by System.Text.Json's <see cref="JsonSchemaExporter"/> with the API's own <see cref="ApiJson.Options"/>
/// (snake_case names, nullability, unknown fields refused), so they cannot drift from what the service
/// reads and writes; the rest come from <c>openapi-schemas.json</c>.
/// </summary>
public static class ApiSchemas
{
    private const string ResourceName = "FunctionsDownloader.OpenApi.openapi-schemas.json";

    private static readonly Lazy<JsonObject> HandWrittenFile = new(ReadResource);

    /// <summary>Component names and the records their schemas are generated from.</summary>
    public static IReadOnlyDictionary<string, Type> Typed { get; } = new Dictionary<string, Type>(
        StringComparer.Ordinal)
    {
        ["DownloadRequest"] = typeof(DownloadRequestBody),
        ["DownloadResponse"] = typeof(DownloadResponse),
        ["LogsResponse"] = typeof(LogsResponse),
        ["FormatsResponse"] = typeof(FormatsResponse),
        ["MetadataResponse"] = typeof(MediaMetadata),
        ["CancelResponse"] = typeof(CancelResponse),
        ["HealthResponse"] = typeof(HealthResponse),
        ["StatsResponse"] = typeof(StatsResponse),
        ["CreateApiKeyRequest"] = typeof(CreateApiKeyBody),
        ["CreatedApiKeyResponse"] = typeof(CreatedApiKeyResponse),
        ["ApiKeyInfo"] = typeof(ApiKeyInfo),
        ["ApiKeyListResponse"] = typeof(ApiKeyListResponse),
        ["CookiesFileResponse"] = typeof(CookiesFileResponse),
        ["CookiesListResponse"] = typeof(CookiesListResponse),
        ["PlaylistPreviewResponse"] = typeof(PlaylistPreviewResponse),
        ["PlaylistDownloadRequest"] = typeof(PlaylistDownloadRequestBody),
        ["ChannelDownloadRequest"] = typeof(ChannelDownloadRequestBody),
        ["BatchDownloadRequest"] = typeof(BatchDownloadRequestBody),
        ["BatchStatusResponse"] = typeof(BatchStatusResponse),
    };

    /// <summary>The component names whose schemas <c>openapi-schemas.json</c> gives.</summary>
    public static IEnumerable<string> HandWritten => Schemas.Select(s => s.Key);

    // Request fields the records leave nullable so that the validator, not the JSON reader, names them when missing.
    private static readonly Dictionary<string, string[]> RequiredFields = new(StringComparer.Ordinal)
    {
        ["DownloadRequest"] = ["url"],
        ["PlaylistDownloadRequest"] = ["url"],
        ["ChannelDownloadRequest"] = ["url"],
        ["BatchDownloadRequest"] = ["urls"],
        ["CreateApiKeyRequest"] = ["name"],
    };

    // Fields a record inherits but the request refuses: a batch takes `urls`, and `url` is a 400.
    private static readonly Dictionary<string, string[]> RefusedFields = new(StringComparer.Ordinal)
    {
        ["BatchDownloadRequest"] = ["url"],
    };

    private static JsonObject Schemas => HandWrittenFile.Value["schemas"]!.AsObject();

    /// <summary>The JSON Schema of <paramref name="type"/> as the API reads and writes it.</summary>
    public static JsonNode Generate(Type type)
    {
        JsonNode schema = ApiJson.Options.GetJsonSchemaAsNode(
            type,
            new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = OmittedWhenNull,
            });
        return InlineLocalReferences(schema, schema);
    }

    /// <summary>
    /// The exporter writes a type met a second time as <c>$ref</c> to where it first appeared, a pointer
    /// into the schema itself (<c>#/properties/formats/…</c>). Inside the document that pointer would
    /// start at the document's root, so each is replaced by a copy of what it points at (the records
    /// are not recursive).
    /// </summary>
    private static JsonNode InlineLocalReferences(JsonNode root, JsonNode node)
    {
        switch (node)
        {
            case JsonObject reference when reference["$ref"]?.GetValue<string>() is string pointer &&
                pointer.StartsWith("#/", StringComparison.Ordinal):
                JsonNode target = pointer[2..].Split('/')
                    .Select(step => step.Replace("~1", "/", StringComparison.Ordinal)
                        .Replace("~0", "~", StringComparison.Ordinal))
                    .Aggregate((JsonNode?)root, (at, step) => at is JsonArray array
                        ? array[int.Parse(step, CultureInfo.InvariantCulture)]
                        : at?[step])
                    ?? throw new InvalidOperationException($"The schema reference '{pointer}' points nowhere.");
                return InlineLocalReferences(root, target.DeepClone());
            case JsonObject json:
                foreach ((string key, JsonNode? value) in json.ToList())
                {
                    if (value is not null && InlineLocalReferences(root, value) is var inlined && inlined != value)
                    {
                        json[key] = inlined;
                    }
                }

                return json;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonNode item &&
                        InlineLocalReferences(root, item) is var inlined &&
                        inlined != item)
                    {
                        array[i] = inlined;
                    }
                }

                return array;
            default:
                return node;
        }
    }

    /// <summary>
    /// The API leaves out null properties (<see cref="JsonIgnoreCondition.WhenWritingNull"/>), so a nullable
    /// property is not required even where a record's constructor takes it; only those marked
    /// <see cref="JsonIgnoreCondition.Never"/> are always there.
    /// </summary>
    private static JsonNode OmittedWhenNull(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo is not null ||
            schema is not JsonObject { } node ||
            node["required"] is not JsonArray required)
        {
            return schema;
        }

        foreach (JsonPropertyInfo property in context.TypeInfo.Properties)
        {
            bool nullable = node["properties"]?[property.Name]?["type"] is JsonArray types &&
                types.Any(t => t?.GetValue<string>() == "null");
            bool alwaysWritten = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), false)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never) == true;
            if (nullable && !alwaysWritten)
            {
                required.Remove(required.FirstOrDefault(r => r?.GetValue<string>() == property.Name));
            }
        }

        if (required.Count == 0)
        {
            node.Remove("required");
        }

        return schema;
    }

    /// <summary>Adds every component schema to <paramref name="document"/>.</summary>
    public static void AddTo(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach ((string name, Type type) in Typed)
        {
            JsonNode schema = Generate(type);
            if (RequiredFields.TryGetValue(name, out string[]? required))
            {
                schema["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]);
            }

            foreach (string refused in RefusedFields.GetValueOrDefault(name) ?? [])
            {
                schema["properties"]!.AsObject().Remove(refused);
            }

            if (name.EndsWith("Request", StringComparison.Ordinal))
            {
                ApiFields.Annotate(schema);
            }

            Add(document, name, schema);
        }

        foreach ((string name, JsonNode? schema) in Schemas)
        {
            Add(document, name, schema!);
        }
    }

    private static void Add(OpenApiDocument document, string name, JsonNode schema)
    {
        OpenApiSchema? parsed = OpenApiModelFactory.Parse<OpenApiSchema>(
            schema.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out OpenApiDiagnostic? diagnostic, "json");
        if (parsed is null || diagnostic is { Errors.Count: > 0 })
        {
            string errors = string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? []);
            throw new InvalidOperationException($"The schema '{name}' is not valid: {errors}");
        }

        document.AddComponent<IOpenApiSchema>(name, parsed);
    }

    private static JsonObject ReadResource()
    {
        using Stream stream = typeof(ApiSchemas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
