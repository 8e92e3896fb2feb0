using System.Text.Json;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using FunctionsDownloader.Idempotency;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Creates a batch from a validated request, for the batch, playlist and channel routes alike: honours
/// <c>Idempotency-Key</c>, stores the batch (and, for a list of URLs, its jobs), starts the
/// <see cref="BatchOrchestrator"/> with the batch id as instance id and answers 201 with the batch.
/// </summary>
public sealed class BatchCreator(
    BatchStore batches,
    BatchJobs batchJobs,
    BatchResponses responses,
    IdempotencyKeys idempotency,
    TimeProvider clock,
    ILogger<BatchCreator> logger)
{
    /// <summary>The 201 for a new batch, or the 200 of the batch an earlier request with the same key made.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, Caller caller, BatchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(spec);
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;

        string batchId = BatchIds.New();
        string? idempotencyKey = IdempotencyKeys.KeyOf(request);
        if (idempotencyKey is not null)
        {
            string hash = IdempotencyKeys.HashRequest(spec.Kind + "-batch", JsonSerializer.SerializeToUtf8Bytes(spec));
            IdempotencyRecord? first = await idempotency.ReserveAsync(
                caller.OwnerId, idempotencyKey, "batch", batchId, hash, cancellationToken);
            if (first is not null)
            {
                return await ReplayAsync(request, first.ResourceId, cancellationToken);
            }
        }

        DateTimeOffset now = clock.GetUtcNow();
        BatchRecord batch = NewRecord(batchId, caller, spec, now);
        try
        {
            await batches.CreateAsync(batch, cancellationToken);
        }
        catch when (idempotencyKey is not null)
        {
            await idempotency.ReleaseAsync(caller.OwnerId, idempotencyKey, CancellationToken.None);
            throw;
        }

        try
        {
            await batchJobs.CreateAsync(
                [.. spec.Urls.Select((url, i) => BatchJobs.NewItem(batch, i + 1, url.AbsoluteUri, null, null, now))],
                cancellationToken);
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(nameof(BatchOrchestrator)),
                batchId,
                new StartOrchestrationOptions(InstanceId: batchId),
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing must linger as "queued" with no orchestration to run it.
            await AbandonAsync(batch);
            throw new ServiceUnavailableException("The task hub did not accept the batch. Try again shortly.", e);
        }

        logger.LogInformation(
            "Created {Kind} batch {BatchId} with {Count} jobs", spec.Kind, batchId, spec.Urls.Count);
        return new CreatedJsonResult<BatchStatusResponse>(
            Location(request, batchId), await responses.CreateAsync(batch, cancellationToken));
    }

    /// <summary>Where a batch is read: <c>/api/v1/batch/{batch_id}</c>, whichever route made it.</summary>
    public static string Location(HttpRequest request, string batchId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.PathBase}/api/v1/batch/{batchId}";
    }

    private static BatchRecord NewRecord(string batchId, Caller caller, BatchSpec spec, DateTimeOffset now) =>
        new()
        {
            BatchId = batchId,
            Owner = caller.OwnerId,
            Kind = spec.Kind,
            Status = JobStatus.Running,
            SourceUrl = spec.SourceUrl?.AbsoluteUri,
            OptionsJson = JsonSerializer.Serialize(spec.Options),
            SelectionJson = spec.Selection is null ? null : JsonSerializer.Serialize(spec.Selection),
            CallbackUrl = spec.CallbackUrl?.AbsoluteUri,
            ConcurrentLimit = spec.ConcurrentLimit,
            Resolved = spec.Kind == BatchKind.Batch,
            TotalItems = spec.Urls.Count,
            Archive = spec.Archive,
            ArchiveStatus = spec.Archive is null ? null : ArchiveStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

    private async Task AbandonAsync(BatchRecord batch)
    {
        try
        {
            await batchJobs.FailUnfinishedAsync(
                batch, ErrorCodes.Internal, "The batch could not be started.", CancellationToken.None);
            await batches.UpdateAsync(
                batch.BatchId,
                b =>
                {
                    b.Status = JobStatus.Failed;
                    b.ErrorCode = ErrorCodes.Internal;
                    b.Error = "The batch could not be started.";
                    b.CompletedAt = clock.GetUtcNow();
                    b.ArchiveStatus = b.Archive is null ? null : ArchiveStatus.Failed;
                    return true;
                },
                CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Could not mark batch {BatchId} failed after it could not start", batch.BatchId);
        }
    }

    /// <summary>The batch a repeated <c>Idempotency-Key</c> created the first time (200, not a new 201).</summary>
    private async Task<IResult> ReplayAsync(HttpRequest request, string batchId, CancellationToken cancellationToken)
    {
        // The first request may still be writing its batch; give it a moment.
        for (int attempt = 0; attempt < 20; attempt++)
        {
            if (await batches.GetAsync(batchId, cancellationToken) is BatchRecord batch)
            {
                request.HttpContext.Response.Headers.Location = Location(request, batchId);
                request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Json(await responses.CreateAsync(batch, cancellationToken), ApiJson.Options);
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new ConflictException(
            $"A request with this {IdempotencyKeys.HeaderName} is still being handled. Retry it in a few seconds.");
    }
}
