using System.Text.Json;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Playlists;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Makes the jobs of a playlist or channel batch: lists the URL (reusing a fresh listing from a preview),
/// applies the selection and stores one queued job per chosen entry, then marks the batch resolved. A batch
/// of URLs has its jobs already. Safe to run again: job ids follow from the batch id and the position, and a
/// resolved batch is not listed twice. A batch cancelled while it was being listed gets its new jobs
/// cancelled at once.
/// </summary>
public sealed class ExpandBatchActivity(
    BatchStore batches,
    BatchJobs batchJobs,
    PlaylistListings listings,
    JobCanceller canceller,
    IOptions<BatchOptions> options,
    TimeProvider clock,
    ILogger<ExpandBatchActivity> logger) : TaskActivity<BatchExpansion, BatchPlan>
{
    /// <inheritdoc />
    public override Task<BatchPlan> RunAsync(TaskActivityContext context, BatchExpansion input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    public async Task<BatchPlan> ExecuteAsync(BatchExpansion input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["batch_id"] = input.BatchId });

        BatchRecord? batch = await batches.GetAsync(input.BatchId, cancellationToken);
        if (batch is null)
        {
            logger.LogWarning("Batch {BatchId} does not exist; nothing to run", input.BatchId);
            return BatchPlan.Nothing;
        }

        if (batch.Resolved || batch.IsFinished || batch.SourceUrl is null)
        {
            return PlanOf(batch);
        }

        try
        {
            return await ResolveAsync(batch, cancellationToken);
        }
        catch (MediaToolException e) when (
            e.ErrorCode is ErrorCodes.Network or ErrorCodes.Timeout && !input.LastAttempt)
        {
            logger.LogWarning(
                "Listing batch {BatchId} hit {ErrorCode}; it will be tried again", batch.BatchId, e.ErrorCode);
            return PlanOf(batch) with { RetryLater = true };
        }
        catch (MediaToolException e)
        {
            return await FailAsync(batch, e.ErrorCode, e.Message, cancellationToken);
        }
        catch (ToolStalledException) when (!input.LastAttempt)
        {
            return PlanOf(batch) with { RetryLater = true };
        }
        catch (ToolStalledException)
        {
            return await FailAsync(batch, ErrorCodes.Timeout, "The site did not answer in time.", cancellationToken);
        }
        catch (CookiesMissingException e)
        {
            return await FailAsync(batch, ErrorCodes.LoginRequired, e.Message, cancellationToken);
        }
    }

    private async Task<BatchPlan> ResolveAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        DownloadOptions downloadOptions =
            JsonSerializer.Deserialize<DownloadOptions>(batch.OptionsJson) ?? new DownloadOptions();
        FlatPlaylist? listing = await listings.GetAsync(
            new Uri(batch.SourceUrl!), batch.Owner, downloadOptions.CookiesId, cancellationToken);
        if (listing is null)
        {
            return await FailAsync(
                batch,
                ErrorCodes.UnsupportedUrl,
                $"The URL is a single video, not a {batch.Kind}; download it with POST /api/v1/download.",
                cancellationToken);
        }

        PlaylistSelection selection = JsonSerializer.Deserialize<PlaylistSelection>(batch.SelectionJson ?? "{}")
            ?? new PlaylistSelection();
        IReadOnlyList<FlatEntry> chosen = selection.Apply(listing.Entries, Math.Max(1, options.Value.MaxItems));
        if (chosen.Count == 0)
        {
            return await FailAsync(
                batch,
                ErrorCodes.Unavailable,
                $"No entry of the {batch.Kind} matched the selection; it lists {listing.Entries.Count}.",
                cancellationToken);
        }

        // Listing takes a while; a batch cancelled meanwhile gets no jobs at all.
        if (await batches.GetAsync(batch.BatchId, cancellationToken) is not { IsFinished: false })
        {
            logger.LogInformation("Batch {BatchId} ended while it was listed; no jobs made", batch.BatchId);
            return BatchPlan.Nothing;
        }

        DateTimeOffset now = clock.GetUtcNow();
        JobRecord[] jobs =
        [
            .. chosen.Select((entry, i) => BatchJobs.NewItem(
                batch,
                i + 1,
                entry.Url!,
                entry.Title is null ? null : MediaTitle.Clean(entry.Title),
                entry.PlaylistIndex,
                now)),
        ];
        await batchJobs.CreateAsync(jobs, cancellationToken);

        (BatchRecord Batch, bool Applied)? resolved = await batches.UpdateAsync(
            batch.BatchId,
            b =>
            {
                if (b.IsFinished)
                {
                    return false;
                }

                b.Resolved = true;
                b.TotalItems = jobs.Length;
                b.Title = listing.Title;
                return true;
            },
            cancellationToken);

        if (resolved is not { Applied: true } stored)
        {
            // Cancelled while the listing was read: the new jobs must not wait for an orchestration.
            await BatchJobs.ForEachAsync(
                jobs,
                async (job, token) =>
                    await canceller.CancelAsync(job.RequestId, "The job was cancelled with its batch.", token),
                cancellationToken);
            return BatchPlan.Nothing;
        }

        logger.LogInformation(
            "Batch {BatchId} takes {Count} of the {Total} entries of its {Kind}",
            batch.BatchId,
            jobs.Length,
            listing.Entries.Count,
            batch.Kind);
        return PlanOf(stored.Batch);
    }

    private async Task<BatchPlan> FailAsync(
        BatchRecord batch, string errorCode, string error, CancellationToken cancellationToken)
    {
        logger.LogWarning("Batch {BatchId} could not be listed ({ErrorCode})", batch.BatchId, errorCode);
        await batches.UpdateAsync(
            batch.BatchId,
            b =>
            {
                if (b.IsFinished)
                {
                    return false;
                }

                b.Resolved = true;
                b.TotalItems = 0;
                b.ErrorCode = errorCode;
                b.Error = error;
                return true;
            },
            cancellationToken);
        return BatchPlan.Nothing;
    }

    private BatchPlan PlanOf(BatchRecord batch) =>
        batch.IsFinished
            ? BatchPlan.Nothing
            : new BatchPlan(
                batch.TotalItems,
                batch.ConcurrentLimit,
                Math.Max(1, options.Value.PageSize),
                batch.Archive is not null);
}
