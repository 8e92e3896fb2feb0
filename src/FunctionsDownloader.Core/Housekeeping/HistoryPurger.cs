using Azure.Data.Tables;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Housekeeping;

/// <summary>
/// Purges the orchestration history of finished jobs from the task hub once the job record holds
/// the result, so that storage does not grow with every job. An orchestration that is still
/// running (a webhook being sent, say) is left for the next sweep.
/// </summary>
public sealed class HistoryPurger(
    ServiceTables tables,
    JobStore jobs,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<HistoryPurger> logger)
{
    /// <summary>Purges what is due and returns how many histories were removed.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        double minutes = options.Value.PurgeHistoryAfterMinutes;
        if (minutes < 0)
        {
            return 0;
        }

        DateTimeOffset cutoff = clock.GetUtcNow() - TimeSpan.FromMinutes(minutes);
        TableClient table = await tables.JobsAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter($"HistoryPurged eq {false} and CompletedAt le {cutoff}");

        int purged = 0;
        await foreach (JobRecord due in table.QueryAsync<JobRecord>(
            filter, select: [nameof(JobRecord.PartitionKey), nameof(JobRecord.Status)], cancellationToken: cancellationToken))
        {
            if (!JobStatus.IsFinished(due.Status))
            {
                continue;
            }

            using IDisposable? scope = JobLogScope.Begin(logger, due.PartitionKey);
            try
            {
                PurgeResult result = await client.PurgeInstanceAsync(due.PartitionKey, cancellationToken);
                bool gone = result.PurgedInstanceCount > 0 ||
                    await client.GetInstanceAsync(due.PartitionKey, cancellationToken) is null;
                if (!gone)
                {
                    continue;
                }

                await jobs.UpdateAsync(
                    due.PartitionKey,
                    job =>
                    {
                        job.HistoryPurged = true;
                        return true;
                    },
                    cancellationToken);
                purged += result.PurgedInstanceCount > 0 ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                logger.LogWarning(e, "Could not purge the history of job {RequestId}", due.PartitionKey);
            }
        }

        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} orchestration histories", purged);
        }

        return purged;
    }
}
