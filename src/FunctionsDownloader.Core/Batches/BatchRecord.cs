using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Batches;

/// <summary>
/// One batch (a list of URLs, a playlist or a channel) as stored in the batches table: partition = batch id,
/// one row. The jobs are ordinary job records whose ids follow from the batch id and their position
/// (<see cref="BatchIds.ItemRequestId"/>); the ETag guards every state change.
/// </summary>
public sealed class BatchRecord : ITableEntity
{
    /// <summary>The only row key of a batch's partition.</summary>
    public const string BatchRowKey = "batch";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = BatchRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The batch's id, which is also its orchestration instance id.</summary>
    public string BatchId
    {
        get => PartitionKey;
        set => PartitionKey = value;
    }

    /// <summary>The id of the key that created the batch; other keys get 404 for it.</summary>
    public string Owner { get; set; } = "";

    /// <summary>What was asked for: see <see cref="BatchKind"/>.</summary>
    public string Kind { get; set; } = BatchKind.Batch;

    /// <summary><c>running</c>, then <c>completed</c>, <c>failed</c> or <c>cancelled</c> when it ends.</summary>
    public string Status { get; set; } = Jobs.JobStatus.Running;

    /// <summary>The playlist or channel URL; <c>null</c> for a batch of URLs.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>The validated download options every job shares, as JSON.</summary>
    public string OptionsJson { get; set; } = "{}";

    /// <summary>The validated selection of a playlist or channel download, as JSON.</summary>
    public string? SelectionJson { get; set; }

    /// <summary>Where the finished batch is posted (a webhook), or <c>null</c>; kept out of the task hub.</summary>
    public string? CallbackUrl { get; set; }

    public int ConcurrentLimit { get; set; }

    /// <summary>Whether the batch's jobs exist (a playlist or channel is resolved once it is listed).</summary>
    public bool Resolved { get; set; }

    /// <summary>How many jobs the batch has, once resolved.</summary>
    public int TotalItems { get; set; }

    /// <summary>The playlist or channel title.</summary>
    public string? Title { get; set; }

    public string? Error { get; set; }
    public string? ErrorCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The archive asked for (<c>zip</c>), or <c>null</c>.</summary>
    public string? Archive { get; set; }

    /// <summary>See <see cref="ArchiveStatus"/>; <c>null</c> when no archive was asked for.</summary>
    public string? ArchiveStatus { get; set; }

    public string? ArchivePath { get; set; }
    public long? ArchiveSize { get; set; }
    public DateTimeOffset? ArchiveDeletionTime { get; set; }

    /// <summary>Whether the batch's own orchestration histories have been purged from the task hub.</summary>
    public bool HistoryPurged { get; set; }

    /// <summary>Whether the batch has finished (and may never change again, except its archive expiring).</summary>
    [IgnoreDataMember]
    public bool IsFinished => Status != Jobs.JobStatus.Running;
}
