using System.Globalization;
using FunctionsDownloader.Batches;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;

namespace FunctionsDownloader.Monitoring;

/// <summary>The service's counters (row keys of the counters table) and the duration histogram's buckets.</summary>
public static class CounterNames
{
    /// <summary>Jobs ever created.</summary>
    public const string JobsCreated = "jobs_created";

    /// <summary>Bytes of the files completed jobs produced.</summary>
    public const string DownloadedBytes = "bytes_downloaded";

    /// <summary>Bytes of the files stored now (completed, not yet expired).</summary>
    public const string StoredBytes = "bytes_stored";

    /// <summary>Every job status, in the contract's order.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
    [
        JobStatus.Queued,
        JobStatus.Running,
        JobStatus.Completed,
        JobStatus.Failed,
        JobStatus.Cancelled,
        JobStatus.Expired,
    ];

    /// <summary>The statuses a job ends in; its time from creation to then goes into the duration histogram.</summary>
    public static IReadOnlyList<string> FinalStatuses { get; } =
        [JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled];

    /// <summary>Every batch status: running until every job has finished, then how the batch ended.</summary>
    public static IReadOnlyList<string> BatchStatuses { get; } =
        [JobStatus.Running, JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled];

    /// <summary>What a batch was made from.</summary>
    public static IReadOnlyList<string> BatchKinds { get; } = [BatchKind.Batch, BatchKind.Playlist, BatchKind.Channel];

    /// <summary>The rate-limited groups of requests.</summary>
    public static IReadOnlyList<string> RateLimitCategories { get; } =
        [RateLimitCategory.Download, RateLimitCategory.Playlist, RateLimitCategory.Batch];

    /// <summary>Upper bounds of the duration histogram's buckets in seconds; a last, unbounded one follows.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    /// <summary>Jobs in <paramref name="status"/> now.</summary>
    public static string JobsIn(string status) => "jobs_" + status;

    /// <summary>Jobs that ended in <paramref name="status"/> with a duration in <paramref name="bucket"/>.</summary>
    public static string DurationCount(string status, int bucket) =>
        $"duration_{status}_{BucketLabel(bucket)}_count";

    /// <summary>The summed durations, in milliseconds, of the jobs <see cref="DurationCount"/> counts.</summary>
    public static string DurationMilliseconds(string status, int bucket) =>
        $"duration_{status}_{BucketLabel(bucket)}_ms";

    /// <summary>Batches in <paramref name="status"/> now.</summary>
    public static string BatchesIn(string status) => "batches_" + status;

    /// <summary>Batches of <paramref name="kind"/> ever created.</summary>
    public static string BatchesCreated(string kind) => "batches_created_" + kind;

    /// <summary>Requests of <paramref name="category"/> refused with 429.</summary>
    public static string RateLimited(string category) => "rate_limited_" + category;

    /// <summary>The bucket <paramref name="seconds"/> falls in; <c>DurationBuckets.Count</c> is the last.</summary>
    public static int BucketOf(double seconds)
    {
        for (int i = 0; i < DurationBuckets.Count; i++)
        {
            if (seconds <= DurationBuckets[i])
            {
                return i;
            }
        }

        return DurationBuckets.Count;
    }

    private static string BucketLabel(int bucket) =>
        bucket < DurationBuckets.Count ? DurationBuckets[bucket].ToString(CultureInfo.InvariantCulture) : "inf";
}
