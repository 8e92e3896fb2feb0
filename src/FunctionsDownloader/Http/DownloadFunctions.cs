using FunctionsDownloader.Downloads;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Functions.Http;

/// <summary>The single-download routes: one-line wrappers over <see cref="DownloadHandlers"/>.</summary>
public sealed class DownloadFunctions(DownloadHandlers handlers)
{
    [Function(nameof(CreateDownload))]
    public Task<IResult> CreateDownload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/download")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => handlers.CreateAsync(request, client);

    [Function(nameof(GetDownload))]
    public Task<IResult> GetDownload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/download/{requestId}")] HttpRequest request,
        string requestId) => handlers.GetAsync(request, requestId);

    [Function(nameof(GetDownloadLogs))]
    public Task<IResult> GetDownloadLogs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/download/{requestId}/logs")] HttpRequest request,
        string requestId) => handlers.GetLogsAsync(request, requestId);

    [Function(nameof(DownloadEvents))]
    public Task<IResult> DownloadEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/download/{requestId}/events")]
        HttpRequest request,
        string requestId) => handlers.GetEventsAsync(request, requestId);

    [Function(nameof(CancelDownload))]
    public Task<IResult> CancelDownload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/download/{requestId}")] HttpRequest request,
        string requestId,
        [DurableClient] DurableTaskClient client) => handlers.CancelAsync(request, requestId, client);
}
