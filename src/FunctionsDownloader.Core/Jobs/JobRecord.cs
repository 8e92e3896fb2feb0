using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// One download job as stored in the jobs table. The partition key is the request id, so every
/// read and write is a point operation; the ETag guards every state change.
/// </summary>
public sealed class JobRecord : ITableEntity
{
    /// <summary>The only row key of a job's partition.</summary>
    public const string JobRowKey = "job";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = JobRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The job's id, which is also its orchestration instance id.</summary>
    public string RequestId
    {
        get => PartitionKey;
        set => PartitionKey = value;
    }

    /// <summary>The id of the key that created the job; other keys get 404 for it.</summary>
    public string Owner { get; set; } = "";

    public string Status { get; set; } = JobStatus.Queued;
    public string Phase { get; set; } = JobPhase.Queued;
    public string Url { get; set; } = "";

    /// <summary>The validated download options, as JSON.</summary>
    public string OptionsJson { get; set; } = "{}";

    /// <summary>Where the finished job is posted (a webhook), or <c>null</c>; kept out of the task hub.</summary>
    public string? CallbackUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public double ProgressPercent { get; set; }
    public long? DownloadedBytes { get; set; }
    public long? TotalBytes { get; set; }
    public double? SpeedBytesPerSecond { get; set; }
    public double? EtaSeconds { get; set; }

    public string? Title { get; set; }
    public double? Duration { get; set; }
    public string? Format { get; set; }
    public string? FilePath { get; set; }
    public long? FileSize { get; set; }
    public DateTimeOffset? DeletionTime { get; set; }

    public string? Error { get; set; }
    public string? ErrorCode { get; set; }

    /// <summary>Whether the orchestration history of this finished job has been purged from the task hub.</summary>
    public bool HistoryPurged { get; set; }

    /// <summary>How many times the download activity has started for this job.</summary>
    public int Attempt { get; set; }

    /// <summary>The batch (a batch, playlist or channel download) this job is an item of, or <c>null</c>.</summary>
    public string? BatchId { get; set; }

    /// <summary>The job's 1-based position in its batch.</summary>
    public int? BatchIndex { get; set; }

    /// <summary>
    /// The entry's 1-based position in the playlist or channel listing it came from; set only for jobs whose
    /// URL the service took from such a listing (it is checked by the URL guard before it is fetched).
    /// </summary>
    public int? PlaylistIndex { get; set; }

    /// <summary>
    /// The status as last read from or written to storage by <see cref="JobStore"/>, which compares it
    /// with <see cref="Status"/> to count status changes; not stored itself.
    /// </summary>
    [IgnoreDataMember]
    public string? StoredStatus { get; set; }
}
