using FunctionsDownloader.Batches;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Monitoring;

/// <summary>What creating or changing a job or a batch, or refusing a request, adds to each counter.</summary>
public static class CounterChanges
{
    /// <summary>A job was stored.</summary>
    public static Dictionary<string, long> Created(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(StringComparer.Ordinal) { [CounterNames.JobsCreated] = 1, [CounterNames.JobsIn(job.Status)] = 1 };
    }

    /// <summary>A job that was in <paramref name="before"/> was stored as <paramref name="job"/>.</summary>
    public static Dictionary<string, long> Changed(string before, JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var deltas = new Dictionary<string, long>(StringComparer.Ordinal);
        if (before == job.Status)
        {
            return deltas;
        }

        deltas[CounterNames.JobsIn(before)] = -1;
        deltas[CounterNames.JobsIn(job.Status)] = 1;
        if (!JobStatus.IsFinished(before) && CounterNames.FinalStatuses.Contains(job.Status))
        {
            TimeSpan duration = (job.CompletedAt ?? job.UpdatedAt) - job.CreatedAt;
            long milliseconds = (long)Math.Max(0, duration.TotalMilliseconds);
            int bucket = CounterNames.BucketOf(milliseconds / 1000.0);
            deltas[CounterNames.DurationCount(job.Status, bucket)] = 1;
            deltas[CounterNames.DurationMilliseconds(job.Status, bucket)] = milliseconds;
        }

        long size = job.FileSize ?? 0;
        if (job.Status == JobStatus.Completed)
        {
            deltas[CounterNames.DownloadedBytes] = size;
            deltas[CounterNames.StoredBytes] = size;
        }
        else if (before == JobStatus.Completed)
        {
            // Expired (the file was deleted): the only change a completed job still makes.
            deltas[CounterNames.StoredBytes] = -size;
        }

        return deltas;
    }

    /// <summary>A batch (a list of URLs, a playlist or a channel download) was stored.</summary>
    public static Dictionary<string, long> BatchCreated(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(StringComparer.Ordinal)
        {
            [CounterNames.BatchesCreated(batch.Kind)] = 1,
            [CounterNames.BatchesIn(batch.Status)] = 1,
        };
    }

    /// <summary>A batch that was in <paramref name="before"/> was stored as <paramref name="batch"/>.</summary>
    public static Dictionary<string, long> BatchChanged(string before, BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return before == batch.Status
            ? new(StringComparer.Ordinal)
            : new(StringComparer.Ordinal)
            {
                [CounterNames.BatchesIn(before)] = -1,
                [CounterNames.BatchesIn(batch.Status)] = 1,
            };
    }

    /// <summary>A request of <paramref name="category"/> was refused with 429.</summary>
    public static Dictionary<string, long> RateLimited(string category) =>
        new(StringComparer.Ordinal) { [CounterNames.RateLimited(category)] = 1 };
}
