using System.Text.Json.Serialization;

namespace FunctionsDownloader.Monitoring;

/// <summary>
/// The answer of <c>GET /api/v1/stats</c>: the stored totals, plus this instance's uptime. The contract's
/// StatsResponse, with the batches (lists of URLs, playlists and channels) by status added.
/// </summary>
public sealed record StatsResponse(
    long TotalJobs,
    IReadOnlyDictionary<string, long> JobsByStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SuccessRate,
    long StorageUsedBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? StorageAvailableBytes,
    long ActiveFiles,
    long QueueSize,
    long ActiveDownloads,
    double UptimeSeconds,
    DateTimeOffset StartedAt,
    long TotalBatches,
    IReadOnlyDictionary<string, long> BatchesByStatus);
