namespace FunctionsDownloader.Downloads;

/// <summary>The state of one download job, as the v1 contract shows it.</summary>
public sealed record DownloadResponse
{
    public required string RequestId { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public double ProgressPercent { get; init; }
    public required string Phase { get; init; }
    public long? DownloadedBytes { get; init; }
    public long? TotalBytes { get; init; }
    public double? SpeedBytesPerSecond { get; init; }
    public double? EtaSeconds { get; init; }
    public required string LogsUrl { get; init; }
    public string? FileUrl { get; init; }
    public string? FilePath { get; init; }
    public long? FileSize { get; init; }
    public string? Title { get; init; }
    public double? Duration { get; init; }
    public string? Format { get; init; }
    public DateTimeOffset? DeletionTime { get; init; }
    public string? Error { get; init; }
    public string? ErrorCode { get; init; }
}
