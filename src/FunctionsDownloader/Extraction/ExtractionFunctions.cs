using FunctionsDownloader.Extraction;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsDownloader.Functions.Extraction;

/// <summary>The formats and metadata routes: one-line wrappers over <see cref="ExtractionHandlers"/>.</summary>
public sealed class ExtractionFunctions(ExtractionHandlers handlers)
{
    [Function(nameof(GetFormats))]
    public Task<IResult> GetFormats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/formats")] HttpRequest request) =>
        handlers.GetFormatsAsync(request);

    [Function(nameof(GetMetadata))]
    public Task<IResult> GetMetadata(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/metadata")] HttpRequest request) =>
        handlers.GetMetadataAsync(request);
}
