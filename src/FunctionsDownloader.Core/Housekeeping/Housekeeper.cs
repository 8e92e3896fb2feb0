using FunctionsDownloader.Batches;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Security;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Housekeeping;

/// <summary>
/// One round of housekeeping, run on the cleanup schedule by both hosts: expire results (jobs' files and
/// batches' archives), purge histories (jobs' and batches'), drop old rate-limit rows, and extraction cache
/// entries and playlist listings past their lifetimes.
/// </summary>
public sealed class Housekeeper(
    ExpirySweeper expiry,
    HistoryPurger purger,
    BatchHousekeeping batches,
    RequestRateLimiter limiter,
    ExtractionCache extractions,
    PlaylistListings listings)
{
    /// <summary>Runs the sweeps; returns how many results expired and how many histories were purged.</summary>
    public async Task<HousekeepingResult> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        int expired = await expiry.SweepAsync(cancellationToken);
        int purged = await purger.PurgeAsync(client, cancellationToken);
        (int archives, int batchHistories) = await batches.SweepAsync(client, cancellationToken);
        await limiter.SweepAsync(cancellationToken);
        await extractions.SweepAsync(cancellationToken);
        await listings.SweepAsync(cancellationToken);
        return new HousekeepingResult(expired + archives, purged + batchHistories);
    }
}

/// <summary>What a round of housekeeping did.</summary>
public sealed record HousekeepingResult(int Expired, int Purged);
