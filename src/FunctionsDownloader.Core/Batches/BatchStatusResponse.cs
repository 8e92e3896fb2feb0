namespace FunctionsDownloader.Batches;

/// <summary>
/// The state of a batch, playlist or channel download as the v1 contract shows it: the 201 of a create (the
/// contract's BatchDownloadResponse, which this extends) and <c>GET /api/v1/batch/{batch_id}</c>.
/// </summary>
public sealed record BatchStatusResponse
{
    public required string BatchId { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The playlist or channel URL.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The playlist or channel title, once listed.</summary>
    public string? Title { get; init; }

    /// <summary>How many jobs the batch has (0 while a playlist or channel is still being listed).</summary>
    public int TotalUrls { get; init; }
    public int Queued { get; init; }
    public int Running { get; init; }
    public int Completed { get; init; }
    public int Failed { get; init; }
    public int Cancelled { get; init; }
    public double ProgressPercent { get; init; }
    public required IReadOnlyList<BatchJobEntry> Jobs { get; init; }

    /// <summary>Why a playlist or channel could not be listed, or the selection matched nothing.</summary>
    public string? Error { get; init; }
    public string? ErrorCode { get; init; }

    public string? ArchiveStatus { get; init; }

    /// <summary>A read-only link to the zip of every completed file, once it is stored.</summary>
    public string? ArchiveUrl { get; init; }
    public long? ArchiveSize { get; init; }
    public DateTimeOffset? ArchiveDeletionTime { get; init; }
}

/// <summary>One job of a batch; the whole job is at <c>/api/v1/download/{request_id}</c>.</summary>
public sealed record BatchJobEntry
{
    public string? Url { get; init; }
    public required string RequestId { get; init; }
    public required string Status { get; init; }
    public string? Title { get; init; }
    public string? Error { get; init; }
    public string? ErrorCode { get; init; }
    public string? FileUrl { get; init; }

    /// <summary>The entry's position in its playlist or channel.</summary>
    public int? PlaylistIndex { get; init; }
}
