using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsDownloader.Tests.Hosting;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FunctionsDownloader.Tests.OpenApi;

/// <summary>
/// <c>/api/openapi.json</c> and <c>/api/docs</c>: a valid document of every route, and a page that
/// works offline.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed partial class OpenApiTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task The_document_is_anonymous_valid_OpenAPI_3_1_with_schemas_and_examples()
    {
        // Arrange
        using HttpClient anonymous = service.NewClient(null);

        // Act
        using HttpResponseMessage response = await anonymous.GetAsync("/api/openapi.json");
        string text = await response.Content.ReadAsStringAsync();
        ReadResult read = OpenApiDocument.Parse(text, "json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        OpenApiDocument document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        IOpenApiSchema job = document.Components!.Schemas!["DownloadResponse"];
        Assert.Contains("request_id", job.Properties!.Keys);
        Assert.Contains("file_url", job.Properties.Keys);
        Assert.Contains("request_id", job.Required!);
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, job.Properties["file_url"].Type);
        Assert.False(document.Components.Schemas["DownloadRequest"].AdditionalPropertiesAllowed);

        // Request fields say what they take; option values are listed.
        foreach ((string name, IOpenApiSchema schema) in
            document.Components.Schemas.Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal)))
        {
            Assert.All(schema.Properties!, p => Assert.False(
                string.IsNullOrEmpty(p.Value.Description), $"{name}.{p.Key} has no description"));
        }

        IDictionary<string, IOpenApiSchema> options = document.Components.Schemas["DownloadRequest"].Properties!;
        Assert.Contains("720p", options["quality"].Enum!.Select(e => e?.ToString()));
        Assert.Contains("opus", options["audio_format"].Enum!.Select(e => e?.ToString()));
        Assert.Equal(JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Null, options["start_time"].Type);
        IOpenApiSchema formats = document.Components.Schemas["FormatsResponse"].Properties!["formats"];
        Assert.Contains("format_id", formats.Properties!["video_only"].Items!.Properties!.Keys);
        Assert.Contains("chapters", document.Components.Schemas["MetadataResponse"].Properties!.Keys);
        IOpenApiSchema batch = document.Components.Schemas["BatchDownloadRequest"];
        Assert.Contains("urls", batch.Required!);
        Assert.Contains("quality", batch.Properties!.Keys);
        Assert.DoesNotContain("url", batch.Properties.Keys);
        IOpenApiSchema batchJobs = document.Components.Schemas["BatchStatusResponse"].Properties!["jobs"];
        Assert.Contains("request_id", batchJobs.Items!.Properties!.Keys);

        foreach ((string path, IOpenApiPathItem item) in document.Paths)
        {
            foreach ((HttpMethod method, OpenApiOperation operation) in item.Operations!)
            {
                string name = $"{method} {path}";
                Assert.False(string.IsNullOrEmpty(operation.Summary), $"{name} has no summary");
                (string status, IOpenApiResponse success) = operation.Responses!.First(r => r.Key.StartsWith('2'));
                if (status != "204")
                {
                    Assert.NotEmpty(success.Content!);
                    Assert.All(success.Content!.Values, body => Assert.True(
                        body.Schema is not null, $"{name} answers {status} without a schema"));
                }

                bool keyed = operation.Security is { Count: > 0 };
                Assert.True(keyed == operation.Responses!.ContainsKey("401"), $"{name}: a key and a 401 go together");
                foreach (IOpenApiMediaType content in
                    operation.Responses.Values.SelectMany(r => r.Content?.Values ?? []))
                {
                    Assert.All(content.Examples?.Values ?? [], e => Assert.NotNull(e.Value));
                }
            }
        }

        OpenApiOperation create = document.Paths["/api/v1/download"].Operations![HttpMethod.Post];
        Assert.NotEmpty(create.RequestBody!.Content!["application/json"].Examples!);
        Assert.NotEmpty(create.Responses!["201"].Content!["application/json"].Examples!);
        Assert.Contains("429", create.Responses.Keys);
        Assert.Empty(document.Paths["/api/v1/health"].Operations![HttpMethod.Get].Security!);
        Assert.Contains(
            "application/openmetrics-text; version=1.0.0",
            document.Paths["/api/v1/metrics"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys);
        Assert.Equal("/", Assert.Single(document.Servers!).Url);

        // Every reference points at a component of the document (a schema generated with a pointer
        // into itself would point into the document's root instead).
        string[] references =
        [
            .. Reference().Matches(text).Select(m => m.Groups["target"].Value).Distinct(StringComparer.Ordinal),
        ];
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(
            r.StartsWith("#/components/schemas/", StringComparison.Ordinal) &&
                document.Components.Schemas.ContainsKey(r["#/components/schemas/".Length..]),
            $"the reference {r} points at no component schema"));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_document_has_every_route_both_hosts_serve_and_no_route_they_do_not()
    {
        // Arrange
        using HttpResponseMessage response = await service.NewClient(null).GetAsync("/api/openapi.json");
        OpenApiDocument document = OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json").Document!;
        string prefix = HostParityTests.ReadRoutePrefix();

        // Act
        SortedSet<string> documented =
            Routes(document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => (m.Method, p.Key))));
        SortedSet<string> standalone = Routes(
            service.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                    .Select(m => (m, e.RoutePattern.RawText!))));
        SortedSet<string> functions = Routes(
            HostParityTests.ReadFunctionsMetadata()
                .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .SelectMany(b => b.GetProperty("methods").EnumerateArray()
                    .Select(m => (m.GetString()!, $"/{prefix}/{b.GetProperty("route").GetString()}"))));

        // Assert
        Assert.Empty(standalone.Except(documented));
        Assert.Empty(functions.Except(documented));
        Assert.Empty(documented.Except(standalone));
        Assert.Empty(documented.Except(functions));
        Assert.Contains("GET /api/v1/download/{}/events", documented);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_reference_page_loads_its_viewer_from_the_service_not_a_cdn()
    {
        // Arrange
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var anonymous = new HttpClient(handler) { BaseAddress = service.Host.BaseAddress };
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/api/docs?asset=scalar.js");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");

        // Act
        using HttpResponseMessage page = await anonymous.GetAsync("/api/docs");
        string html = await page.Content.ReadAsStringAsync();
        using HttpResponseMessage gzipped = await anonymous.SendAsync(gzipRequest);
        byte[] compressed = await gzipped.Content.ReadAsByteArrayAsync();
        using HttpResponseMessage plain = await anonymous.GetAsync("/api/docs?asset=scalar.js");
        string script = await plain.Content.ReadAsStringAsync();
        using HttpResponseMessage unknown = await anonymous.GetAsync("/api/docs?asset=other.js");

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"docs?asset=scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("url: 'openapi.json'", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(SourceFromElsewhere(), html);

        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        using var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(unzip, Encoding.UTF8);
        Assert.Equal(script, await reader.ReadToEndAsync());

        Assert.Equal("text/javascript", plain.Content.Headers.ContentType?.MediaType);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("createApiReference", script, StringComparison.Ordinal);
        Assert.True(script.Length > 1_000_000, $"the viewer is only {script.Length} characters");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static SortedSet<string> Routes(IEnumerable<(string Method, string Path)> routes) =>
        new(
            routes.Select(r => $"{r.Method.ToUpperInvariant()} {PathParameter().Replace(r.Path, "{}")}"),
            StringComparer.Ordinal);

    [GeneratedRegex("\"\\$ref\"\\s*:\\s*\"(?<target>[^\"]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex SourceFromElsewhere();
}
