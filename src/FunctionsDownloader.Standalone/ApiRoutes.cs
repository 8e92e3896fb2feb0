using FunctionsDownloader.Batches;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.OpenApi;
using FunctionsDownloader.Operations;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Security;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Standalone;

/// <summary>
/// The v1 routes, mapped to the same Core handlers the Functions app wraps. Every route here has
/// a <c>[Function]</c> with the same route and methods (a test compares the two).
/// </summary>
public static class ApiRoutes
{
    /// <summary>Maps every route under <c>/api</c>.</summary>
    public static void MapApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder api = endpoints.MapGroup("/api");

        api.MapPost("v1/download", (HttpRequest request, DurableTaskClient client, DownloadHandlers handlers) =>
            handlers.CreateAsync(request, client));
        api.MapGet("v1/download/{requestId}", (HttpRequest request, string requestId, DownloadHandlers handlers) =>
            handlers.GetAsync(request, requestId));
        api.MapGet("v1/download/{requestId}/logs", (HttpRequest request, string requestId, DownloadHandlers handlers) =>
            handlers.GetLogsAsync(request, requestId));
        api.MapGet(
            "v1/download/{requestId}/events",
            (HttpRequest request, string requestId, DownloadHandlers handlers) =>
                handlers.GetEventsAsync(request, requestId));
        api.MapDelete(
            "v1/download/{requestId}",
            (HttpRequest request, string requestId, DurableTaskClient client, DownloadHandlers handlers) =>
                handlers.CancelAsync(request, requestId, client));

        api.MapGet("v1/playlist/preview", (HttpRequest request, PlaylistHandlers handlers) =>
            handlers.PreviewPlaylistAsync(request));
        api.MapPost(
            "v1/playlist/download",
            (HttpRequest request, DurableTaskClient client, PlaylistHandlers handlers) =>
                handlers.DownloadPlaylistAsync(request, client));
        api.MapGet("v1/channel/preview", (HttpRequest request, PlaylistHandlers handlers) =>
            handlers.PreviewChannelAsync(request));
        api.MapPost("v1/channel/download", (HttpRequest request, DurableTaskClient client, PlaylistHandlers handlers) =>
            handlers.DownloadChannelAsync(request, client));

        api.MapPost("v1/batch/download", (HttpRequest request, DurableTaskClient client, BatchHandlers handlers) =>
            handlers.CreateAsync(request, client));
        api.MapGet("v1/batch/{batchId}", (HttpRequest request, string batchId, BatchHandlers handlers) =>
            handlers.GetAsync(request, batchId));
        api.MapDelete(
            "v1/batch/{batchId}",
            (HttpRequest request, string batchId, DurableTaskClient client, BatchHandlers handlers) =>
                handlers.CancelAsync(request, batchId, client));
        api.MapGet("v1/formats", (HttpRequest request, ExtractionHandlers handlers) =>
            handlers.GetFormatsAsync(request));
        api.MapGet("v1/metadata", (HttpRequest request, ExtractionHandlers handlers) =>
            handlers.GetMetadataAsync(request));

        api.MapGet("v1/health", (HttpRequest request, DurableTaskClient client, HealthHandlers handlers) =>
            handlers.GetAsync(request, client));
        api.MapGet("v1/metrics", (HttpRequest request, MonitoringHandlers handlers) =>
            handlers.GetMetricsAsync(request));
        api.MapGet("v1/stats", (HttpRequest request, MonitoringHandlers handlers) => handlers.GetStatsAsync(request));
        api.MapGet("openapi.json", (HttpRequest request, OpenApiHandlers handlers) =>
            handlers.GetDocumentAsync(request));
        api.MapGet("docs", (HttpRequest request, OpenApiHandlers handlers) => handlers.GetDocsAsync(request));

        api.MapPost("v1/auth/keys", (HttpRequest request, ApiKeyHandlers handlers) => handlers.CreateAsync(request));
        api.MapGet("v1/auth/keys", (HttpRequest request, ApiKeyHandlers handlers) => handlers.ListAsync(request));
        api.MapDelete("v1/auth/keys/{keyId}", (HttpRequest request, string keyId, ApiKeyHandlers handlers) =>
            handlers.RevokeAsync(request, keyId));

        api.MapPost("v1/auth/cookies", (HttpRequest request, CookiesHandlers handlers) => handlers.UploadAsync(request));
        api.MapGet("v1/auth/cookies", (HttpRequest request, CookiesHandlers handlers) => handlers.ListAsync(request));
        api.MapDelete("v1/auth/cookies/{cookiesId}", (HttpRequest request, string cookiesId, CookiesHandlers handlers) =>
            handlers.DeleteAsync(request, cookiesId));
    }
}
