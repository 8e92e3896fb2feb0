using FunctionsDownloader.Batches;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Housekeeping;

/// <summary>
/// One round of housekeeping, run on the cleanup schedule by both hosts: expire results (jobs' files and batches'
/// archives), purge histories (jobs' and batches').
/// </summary>
public sealed class Housekeeper(ExpirySweeper expiry, HistoryPurger purger, BatchHousekeeping batches)
{
    /// <summary>Runs both sweeps; returns how many jobs expired and how many histories were purged.</summary>
    public async Task<HousekeepingResult> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        int expired = await expiry.SweepAsync(cancellationToken);
        int purged = await purger.PurgeAsync(client, cancellationToken);
        (int archives, int batchHistories) = await batches.SweepAsync(client, cancellationToken);
        return new HousekeepingResult(expired + archives, purged + batchHistories);
    }
}

/// <summary>What a round of housekeeping did.</summary>
public sealed record HousekeepingResult(int Expired, int Purged);
