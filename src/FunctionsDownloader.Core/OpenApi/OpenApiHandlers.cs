using System.IO.Compression;
using System.Reflection;
using FunctionsDownloader.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c> and <c>GET /api/docs</c> (both anonymous): the OpenAPI document, and a
/// reference page that shows it with Scalar's viewer. The viewer's script is the one the
/// Scalar.AspNetCore package embeds, served by the same route (<c>/api/docs?asset=scalar.js</c>), so the
/// page needs no CDN and both hosts serve it with the routes they already have.
/// </summary>
public sealed class OpenApiHandlers(ILogger<OpenApiHandlers> logger)
{
    /// <summary>The viewer script's query value.</summary>
    public const string ScriptAsset = "scalar.js";

    // Scalar.AspNetCore's own name for its gzipped standalone bundle; a test fetches it, so a package
    // update that renames it fails the build's tests rather than the page.
    private const string ScalarResource = "ScalarStaticAssets.scalar.js";

    private static readonly Lazy<byte[]> Document =
        new(() => OpenApiDocumentFactory.ToJson(OpenApiDocumentFactory.Create()));

    private static readonly Lazy<byte[]> Page =
        new(() => ReadResource(typeof(OpenApiHandlers).Assembly, "FunctionsDownloader.OpenApi.docs.html"));

    private static readonly Lazy<byte[]> ScriptGzip =
        new(() => ReadResource(typeof(Scalar.AspNetCore.ScalarOptions).Assembly, ScalarResource));

    private static readonly Lazy<byte[]> Script = new(() => Gunzip(ScriptGzip.Value));
    private static readonly string ScriptTag =
        $"\"{typeof(Scalar.AspNetCore.ScalarOptions).Assembly.GetName().Version}\"";

    /// <summary>The OpenAPI 3.1 document.</summary>
    public Task<IResult> GetDocumentAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, () =>
        {
            request.HttpContext.Response.Headers.CacheControl = "no-cache";
            return Task.FromResult<IResult>(TypedResults.Bytes(Document.Value, "application/json; charset=utf-8"));
        });

    /// <summary>The reference page, or with <c>?asset=scalar.js</c> its viewer script.</summary>
    public Task<IResult> GetDocsAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, () =>
        {
            string? asset = request.Query["asset"];
            IResult result = asset switch
            {
                null or "" => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8"),
                ScriptAsset => GetScript(request),
                _ => ApiErrors.Problem(StatusCodes.Status404NotFound, "Not found", $"The page has no asset '{asset}'."),
            };
            return Task.FromResult(result);
        });

    private static IResult GetScript(HttpRequest request)
    {
        IHeaderDictionary headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "public, max-age=86400";
        headers.ETag = ScriptTag;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (request.Headers.IfNoneMatch == ScriptTag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        bool gzip = request.GetTypedHeaders().AcceptEncoding
            .Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
        if (!gzip)
        {
            return TypedResults.Bytes(Script.Value, "text/javascript; charset=utf-8");
        }

        headers.ContentEncoding = "gzip";
        return TypedResults.Bytes(ScriptGzip.Value, "text/javascript; charset=utf-8");
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
