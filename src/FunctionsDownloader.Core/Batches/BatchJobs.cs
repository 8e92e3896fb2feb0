using Azure;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Batches;

/// <summary>
/// The jobs of a batch: ordinary job records (so <c>GET /api/v1/download/{request_id}</c> works for them)
/// with a <see cref="JobRecord.BatchId"/>, found by their derived ids with point reads, several at a time.
/// </summary>
public sealed class BatchJobs(JobStore jobs, FailJobActivity failJob)
{
    private const int Parallelism = 16;

    /// <summary>A queued job at 1-based position <paramref name="index"/> of <paramref name="batch"/>.</summary>
    public static JobRecord NewItem(
        BatchRecord batch, int index, string url, string? title, int? playlistIndex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new JobRecord
        {
            RequestId = BatchIds.ItemRequestId(batch.BatchId, index),
            Owner = batch.Owner,
            Status = JobStatus.Queued,
            Phase = JobPhase.Queued,
            Url = url,
            OptionsJson = batch.OptionsJson,
            Title = title,
            CreatedAt = now,
            UpdatedAt = now,
            BatchId = batch.BatchId,
            BatchIndex = index,
            PlaylistIndex = playlistIndex,
        };
    }

    /// <summary>Stores <paramref name="items"/>; a job that exists already (a retried step made it) is kept.</summary>
    public Task CreateAsync(IReadOnlyList<JobRecord> items, CancellationToken cancellationToken) =>
        ForEachAsync(
            items,
            async (job, token) =>
            {
                try
                {
                    await jobs.CreateAsync(job, token);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // Made by an earlier attempt of the same step.
                }
            },
            cancellationToken);

    /// <summary>The jobs of <paramref name="batch"/> in order (a job that is missing is left out).</summary>
    public async Task<IReadOnlyList<JobRecord>> ReadAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        var found = new JobRecord?[batch.TotalItems];
        await Parallel.ForEachAsync(
            Enumerable.Range(1, batch.TotalItems),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
                found[index - 1] = await jobs.GetAsync(BatchIds.ItemRequestId(batch.BatchId, index), token));
        return [.. found.OfType<JobRecord>()];
    }

    /// <summary>
    /// Marks every job of <paramref name="batch"/> that has not finished as failed with
    /// <paramref name="errorCode"/> (the batch ended without running it to its end), as a failing download does.
    /// </summary>
    /// <returns>How many jobs this call marked.</returns>
    public async Task<int> FailUnfinishedAsync(
        BatchRecord batch, string errorCode, string error, CancellationToken cancellationToken)
    {
        int failed = 0;
        IReadOnlyList<JobRecord> items = await ReadAsync(batch, cancellationToken);
        await ForEachAsync(
            items.Where(j => !JobStatus.IsFinished(j.Status)),
            async (job, token) =>
            {
                FailJobOutcome outcome = await failJob.ExecuteAsync(
                    new JobFailure(job.RequestId, errorCode, error), token);
                if (outcome.Applied)
                {
                    Interlocked.Increment(ref failed);
                }
            },
            cancellationToken);
        return failed;
    }

    /// <summary>Runs <paramref name="action"/> for each job of <paramref name="jobList"/>, several at a time.</summary>
    public static Task ForEachAsync(
        IEnumerable<JobRecord> jobList,
        Func<JobRecord, CancellationToken, ValueTask> action,
        CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            jobList,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            action);
}
