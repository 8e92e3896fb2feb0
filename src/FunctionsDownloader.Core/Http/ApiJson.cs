using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsDownloader.Http;

/// <summary>
/// The JSON settings of the v1 contract: snake_case names, strict reading (unknown fields and
/// duplicate keys are errors, no comments, no trailing commas), nulls left out when writing.
/// </summary>
public static class ApiJson
{
    /// <summary>The options for request and response bodies.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
