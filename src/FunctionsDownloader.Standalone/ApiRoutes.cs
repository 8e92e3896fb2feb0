using FunctionsDownloader.Downloads;
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
        api.MapGet("v1/download/{request_id}", (HttpRequest request, string request_id, DownloadHandlers handlers) =>
            handlers.GetAsync(request, request_id));
        api.MapGet("v1/download/{request_id}/logs", (HttpRequest request, string request_id, DownloadHandlers handlers) =>
            handlers.GetLogsAsync(request, request_id));
        api.MapDelete(
            "v1/download/{request_id}",
            (HttpRequest request, string request_id, DurableTaskClient client, DownloadHandlers handlers) =>
                handlers.CancelAsync(request, request_id, client));
    }
}
