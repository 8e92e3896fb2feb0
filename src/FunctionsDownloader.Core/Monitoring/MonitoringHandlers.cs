using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Monitoring;

/// <summary>
/// <c>GET /api/v1/metrics</c> (Prometheus text) and <c>GET /api/v1/stats</c> (JSON), both read from the
/// stored counters, so that every instance answers with the same totals.
/// </summary>
public sealed class MonitoringHandlers(CounterStore counters, TimeProvider clock, ILogger<MonitoringHandlers> logger)
{
    /// <summary>The Prometheus exposition: the text format, or OpenMetrics when Accept asks for it.</summary>
    public Task<IResult> GetMetricsAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            bool openMetrics = PrometheusExposition.PrefersOpenMetrics(request.Headers.Accept);
            ServiceTotals totals = await ServiceTotals.ReadAsync(counters, cancellationToken);
            byte[] text = await PrometheusExposition.RenderAsync(totals, openMetrics, cancellationToken);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            request.HttpContext.Response.Headers.Vary = "Accept";
            return TypedResults.Bytes(
                text, openMetrics ? PrometheusExposition.OpenMetricsContentType : PrometheusExposition.ContentType);
        });

    /// <summary>The contract's StatsResponse.</summary>
    public Task<IResult> GetStatsAsync(HttpRequest request) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            ServiceTotals totals = await ServiceTotals.ReadAsync(counters, request.HttpContext.RequestAborted);
            IReadOnlyDictionary<string, long> byStatus = totals.JobsByStatus;
            long succeeded = byStatus[JobStatus.Completed] + byStatus[JobStatus.Expired];
            long ended = succeeded + byStatus[JobStatus.Failed];
            DateTimeOffset now = clock.GetUtcNow();

            var response = new StatsResponse(
                totals.TotalJobs,
                byStatus,
                SuccessRate: ended == 0 ? null : Math.Round((double)succeeded / ended, 4),
                StorageUsedBytes: totals.StoredBytes,
                // Blob storage grows on demand (an account holds petabytes): there is no free space to report.
                StorageAvailableBytes: null,
                ActiveFiles: byStatus[JobStatus.Completed],
                QueueSize: byStatus[JobStatus.Queued],
                ActiveDownloads: byStatus[JobStatus.Running],
                UptimeSeconds: Math.Round((now - HealthHandlers.ProcessStartedAt).TotalSeconds, 1),
                StartedAt: HealthHandlers.ProcessStartedAt,
                TotalBatches: totals.BatchesByStatus.Values.Sum(),
                BatchesByStatus: totals.BatchesByStatus);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(response, ApiJson.Options);
        });
}
