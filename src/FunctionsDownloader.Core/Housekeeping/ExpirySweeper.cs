using Azure.Data.Tables;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Storage;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Housekeeping;

/// <summary>
/// Deletes the files of completed jobs whose <c>deletion_time</c> has passed and marks the jobs
/// <c>expired</c> (the one change a finished job may still make). Safe to run on several instances
/// at once: each change is guarded by the job's ETag, and deleting a deleted blob is a no-op.
/// </summary>
public sealed class ExpirySweeper(
    ServiceTables tables,
    JobStore jobs,
    JobLogStore logs,
    ResultStore results,
    TimeProvider clock,
    ILogger<ExpirySweeper> logger)
{
    /// <summary>Runs one sweep and returns how many jobs it expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        TableClient table = await tables.JobsAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter(
            $"Status eq {JobStatus.Completed} and DeletionTime le {now}");

        int expired = 0;
        await foreach (JobRecord due in table.QueryAsync<JobRecord>(
            filter, select: [nameof(JobRecord.PartitionKey)], cancellationToken: cancellationToken))
        {
            using IDisposable? scope = JobLogScope.Begin(logger, due.PartitionKey);
            try
            {
                if (await ExpireAsync(due.PartitionKey, now, cancellationToken))
                {
                    expired++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // One job's trouble must not stop the sweep; the next sweep tries it again.
                logger.LogWarning(e, "Could not expire job {RequestId}", due.PartitionKey);
            }
        }

        if (expired > 0)
        {
            logger.LogInformation("Expired {Count} jobs", expired);
        }

        return expired;
    }

    private async Task<bool> ExpireAsync(string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The file goes first: a job shown as expired must never still have a blob behind it.
        await results.DeleteJobFilesAsync(requestId, cancellationToken);
        JobChange? change = await jobs.UpdateAsync(
            requestId,
            job =>
            {
                if (job.Status != JobStatus.Completed || job.DeletionTime is not { } deletion || deletion > now)
                {
                    return false;
                }

                job.Status = JobStatus.Expired;
                return true;
            },
            cancellationToken);

        if (change is { Applied: true })
        {
            var log = new JobLogWriter(logs, clock, requestId);
            log.Info($"The file reached its deletion time and was deleted.");
            await log.FlushAsync(cancellationToken);
            return true;
        }

        return false;
    }
}
