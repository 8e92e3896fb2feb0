using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Batches;

/// <summary>
/// The batches' share of housekeeping: archives past their deletion time are deleted (the batch shows
/// <c>expired</c>), and the histories of a finished batch's own orchestrations (the batch and its pages; its
/// jobs are purged with the jobs) are purged from the task hub once
/// <see cref="DownloaderOptions.PurgeHistoryAfterMinutes"/> have passed. Safe on several instances at once:
/// each change is guarded by the batch's ETag.
/// </summary>
public sealed class BatchHousekeeping(
    BatchStore batches,
    ResultStore results,
    IOptions<DownloaderOptions> options,
    IOptions<BatchOptions> batchOptions,
    TimeProvider clock,
    ILogger<BatchHousekeeping> logger)
{
    /// <summary>Runs one round; returns how many archives expired and how many batches' histories went.</summary>
    public async Task<(int Expired, int Purged)> SweepAsync(
        DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DateTimeOffset now = clock.GetUtcNow();
        double purgeMinutes = options.Value.PurgeHistoryAfterMinutes;
        TableClient table = await batches.TableAsync(cancellationToken);
        string filter = TableClient.CreateQueryFilter(
            $"CompletedAt le {now} and (ArchiveStatus eq {ArchiveStatus.Completed} or HistoryPurged eq {false})");

        int expired = 0;
        int purged = 0;
        await foreach (BatchRecord due in table.QueryAsync<BatchRecord>(filter, cancellationToken: cancellationToken))
        {
            try
            {
                if (due.ArchiveStatus == ArchiveStatus.Completed && due.ArchiveDeletionTime <= now &&
                    await ExpireArchiveAsync(due, now, cancellationToken))
                {
                    expired++;
                }

                bool purgeDue = !due.HistoryPurged && purgeMinutes >= 0 &&
                    due.CompletedAt <= now - TimeSpan.FromMinutes(purgeMinutes);
                if (purgeDue && await PurgeAsync(client, due, cancellationToken))
                {
                    purged++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // One batch's trouble must not stop the sweep; the next round tries it again.
                logger.LogWarning(e, "Housekeeping of batch {BatchId} failed", due.BatchId);
            }
        }

        return (expired, purged);
    }

    private async Task<bool> ExpireArchiveAsync(
        BatchRecord batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The blob goes first: a batch showing an expired archive must never still have one.
        BlobContainerClient container = await results.ContainerAsync(cancellationToken);
        await container.DeleteBlobIfExistsAsync(batch.ArchivePath, cancellationToken: cancellationToken);
        (BatchRecord Batch, bool Applied)? change = await batches.UpdateAsync(
            batch.BatchId,
            b =>
            {
                if (b.ArchiveStatus != ArchiveStatus.Completed || b.ArchiveDeletionTime > now)
                {
                    return false;
                }

                b.ArchiveStatus = ArchiveStatus.Expired;
                return true;
            },
            cancellationToken);
        return change is { Applied: true };
    }

    private async Task<bool> PurgeAsync(
        DurableTaskClient client, BatchRecord batch, CancellationToken cancellationToken)
    {
        int pageSize = Math.Max(1, batchOptions.Value.PageSize);
        int pages = (batch.TotalItems + pageSize - 1) / pageSize;
        foreach (string instanceId in Enumerable.Range(1, pages)
            .Select(page => BatchIds.PageInstanceId(batch.BatchId, page))
            .Prepend(batch.BatchId))
        {
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is { IsCompleted: false })
            {
                // The batch ended (a cancel), but its orchestration has not noticed yet: next round.
                return false;
            }

            await client.PurgeInstanceAsync(instanceId, cancellationToken);
        }

        await batches.UpdateAsync(
            batch.BatchId,
            b =>
            {
                b.HistoryPurged = true;
                return true;
            },
            cancellationToken);
        return true;
    }
}
