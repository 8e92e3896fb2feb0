using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Batches;

/// <summary>
/// The batch routes: create a batch of URLs, read any batch (playlists and channels too), cancel one. Both
/// hosts call these.
/// </summary>
public sealed class BatchHandlers(
    BatchStore batches,
    BatchJobs batchJobs,
    BatchCreator creator,
    BatchResponses responses,
    JobCanceller canceller,
    CookiesStore cookies,
    UrlGuard urlGuard,
    IOptions<BatchOptions> options,
    TimeProvider clock,
    ILogger<BatchHandlers> logger)
{
    private const int GuardParallelism = 8;

    /// <summary><c>POST /api/v1/batch/download</c>: 1–100 <c>urls</c>, shared options → 201 with every job.</summary>
    public Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            Caller caller = RequestGate.CallerOf(request.HttpContext);
            BatchDownloadRequestBody body = await RequestBody.ReadJsonAsync<BatchDownloadRequestBody>(
                request, options.Value.MaxRequestBodyBytes, cancellationToken);
            if (body.Url is not null)
            {
                throw new InvalidRequestException("url", "A batch takes its URLs in 'urls' (a list), not in 'url'.");
            }

            IReadOnlyList<Uri> urls = ParseUrls(body.Urls);
            (DownloadOptions downloadOptions, Uri? callbackUrl) = DownloadRequestValidator.ValidateOptions(body);
            int concurrentLimit = BatchRequestRules.ConcurrentLimit(
                body.ConcurrentLimit, options.Value.DefaultConcurrentLimit);
            string? archive = BatchRequestRules.Archive(body.Archive);
            await cookies.RequireAsync(downloadOptions.CookiesId, caller, cancellationToken);

            // Cheap checks first; resolving hosts is the slowest one.
            urls = await GuardAsync(urls, cancellationToken);
            if (callbackUrl is not null)
            {
                callbackUrl = await urlGuard.CheckAsync(callbackUrl, "callback_url", cancellationToken);
            }

            var spec = new BatchSpec(
                BatchKind.Batch, null, urls, downloadOptions, callbackUrl, concurrentLimit, null, archive);
            return await creator.CreateAsync(request, client, caller, spec);
        });

    /// <summary><c>GET /api/v1/batch/{batch_id}</c>: the batch with its counts, overall status and jobs.</summary>
    public Task<IResult> GetAsync(HttpRequest request, string batchId) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            BatchRecord batch = await FindAsync(request, batchId, cancellationToken);
            return TypedResults.Json(await responses.CreateAsync(batch, cancellationToken), ApiJson.Options);
        });

    /// <summary>
    /// <c>DELETE /api/v1/batch/{batch_id}</c>: marks the batch cancelled, stops its orchestrations from starting
    /// more items, and cancels every unfinished job the way a single cancel does (running downloads are killed
    /// within about a second). 400 when the batch has already finished.
    /// </summary>
    public Task<IResult> CancelAsync(HttpRequest request, string batchId, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            ArgumentNullException.ThrowIfNull(client);
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;
            BatchRecord existing = await FindAsync(request, batchId, cancellationToken);

            DateTimeOffset now = clock.GetUtcNow();
            (BatchRecord Batch, bool Applied)? change = await batches.UpdateAsync(
                existing.BatchId,
                batch =>
                {
                    if (batch.IsFinished)
                    {
                        return false;
                    }

                    batch.Status = JobStatus.Cancelled;
                    batch.CompletedAt = now;
                    batch.ArchiveStatus = batch.ArchiveStatus is null ? null : ArchiveStatus.Cancelled;
                    return true;
                },
                cancellationToken);
            if (change is not { Applied: true } cancelled)
            {
                throw new InvalidRequestException(
                    "batch_id",
                    $"Batch '{batchId}' has already finished ({change?.Batch.Status}); " +
                    "only running batches can be cancelled.");
            }

            // The orchestrations first, so that no further item starts; then every unfinished job.
            await TerminateBatchAsync(client, cancelled.Batch, cancellationToken);
            int count = await CancelJobsAsync(client, cancelled.Batch, cancellationToken);
            logger.LogInformation("Cancelled batch {BatchId} and {Count} of its jobs", batchId, count);
            return TypedResults.Json(await responses.CreateAsync(cancelled.Batch, cancellationToken), ApiJson.Options);
        });

    private async Task TerminateBatchAsync(
        DurableTaskClient client, BatchRecord batch, CancellationToken cancellationToken)
    {
        // The sidecar does not terminate sub-orchestrations recursively, so every page is named.
        int pages = (batch.TotalItems + Math.Max(1, options.Value.PageSize) - 1) / Math.Max(1, options.Value.PageSize);
        IEnumerable<string> instances = Enumerable.Range(1, pages)
            .Select(page => BatchIds.PageInstanceId(batch.BatchId, page))
            .Prepend(batch.BatchId);
        foreach (string instanceId in instances)
        {
            // Pending counts too: an orchestration scheduled but not started would start more items.
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is { IsCompleted: false })
            {
                await canceller.TerminateAsync(client, instanceId, cancellationToken);
            }
        }
    }

    private async Task<int> CancelJobsAsync(
        DurableTaskClient client, BatchRecord batch, CancellationToken cancellationToken)
    {
        int cancelled = 0;
        IReadOnlyList<JobRecord> jobs = await batchJobs.ReadAsync(batch, cancellationToken);
        await BatchJobs.ForEachAsync(
            jobs.Where(j => !JobStatus.IsFinished(j.Status)),
            async (job, token) =>
            {
                JobChange? change = await canceller.CancelAsync(
                    job.RequestId, "The job was cancelled with its batch.", token);
                if (change is { Applied: true })
                {
                    Interlocked.Increment(ref cancelled);

                    // A queued job's orchestration, if it started at all, ends at its first step.
                    if (job.Status == JobStatus.Running)
                    {
                        await canceller.TerminateAsync(client, job.RequestId, token);
                    }
                }
            },
            cancellationToken);
        return cancelled;
    }

    private static IReadOnlyList<Uri> ParseUrls(List<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            throw new InvalidRequestException(
                "urls",
                $"'urls' is required: a list of 1 to {BatchRequestRules.MaxUrls} URLs of video or audio pages.");
        }

        if (values.Count > BatchRequestRules.MaxUrls)
        {
            throw new InvalidRequestException(
                "urls", $"'urls' has {values.Count} URLs; a batch takes at most {BatchRequestRules.MaxUrls}.");
        }

        return [.. values.Select((value, index) => AsUrlsField(() => UrlRules.Parse(value, $"urls[{index}]")))];
    }

    /// <summary>Checks every URL's host; when several fail, the first in the list is reported.</summary>
    private async Task<IReadOnlyList<Uri>> GuardAsync(IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        var checkedUrls = new Uri[urls.Count];
        var failures = new InvalidRequestException?[urls.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, urls.Count),
            new ParallelOptions { MaxDegreeOfParallelism = GuardParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                try
                {
                    checkedUrls[index] = await urlGuard.CheckAsync(urls[index], $"urls[{index}]", token);
                }
                catch (InvalidRequestException e)
                {
                    failures[index] = e;
                }
            });

        InvalidRequestException? first = failures.FirstOrDefault(f => f is not null);
        return first is null ? checkedUrls : throw new InvalidRequestException("urls", first.Message, first);
    }

    /// <summary>Runs a check of one of the <c>urls</c>: a refusal names the field <c>urls</c>.</summary>
    private static T AsUrlsField<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (InvalidRequestException e)
        {
            throw new InvalidRequestException("urls", e.Message, e);
        }
    }

    private async Task<BatchRecord> FindAsync(HttpRequest request, string batchId, CancellationToken cancellationToken)
    {
        Caller caller = RequestGate.CallerOf(request.HttpContext);
        BatchRecord? batch = BatchIds.IsWellFormed(batchId) ? await batches.GetAsync(batchId, cancellationToken) : null;
        return batch is not null && caller.CanAccess(batch.Owner)
            ? batch
            : throw new NotFoundException(
                $"There is no batch '{(batchId.Length <= 64 ? batchId : batchId[..64] + "…")}'. " +
                "Check the batch_id returned when the batch was created.");
    }
}
