using FunctionsDownloader.Jobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Ends a batch once its orchestration has run every job: a job still unfinished (its orchestration failed
/// outright) is marked failed, and the batch gets its final status from the counts — <c>completed</c> when
/// every job completed, <c>failed</c> when any failed or there were none, else <c>cancelled</c>. A batch the
/// caller cancelled keeps that status. Safe to run again; the webhook is still due on a repeat.
/// </summary>
public sealed class FinishBatchActivity(
    BatchStore batches,
    BatchJobs batchJobs,
    TimeProvider clock,
    ILogger<FinishBatchActivity> logger) : TaskActivity<string, BatchFinish>
{
    /// <inheritdoc />
    public override Task<BatchFinish> RunAsync(TaskActivityContext context, string input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    public async Task<BatchFinish> ExecuteAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["batch_id"] = batchId });

        BatchRecord? batch = await batches.GetAsync(batchId, cancellationToken);
        if (batch is null)
        {
            return new BatchFinish(JobStatus.Failed, false);
        }

        if (!batch.IsFinished)
        {
            int orphans = await batchJobs.FailUnfinishedAsync(
                batch, ErrorCodes.Internal, "The batch ended before this job could run to its end.", cancellationToken);
            if (orphans > 0)
            {
                logger.LogWarning(
                    "Batch {BatchId} ended with {Count} unfinished jobs; they were failed", batchId, orphans);
            }
        }

        BatchCounts counts = BatchCounts.Of(await batchJobs.ReadAsync(batch, cancellationToken));
        DateTimeOffset now = clock.GetUtcNow();
        (BatchRecord Batch, bool Applied)? change = await batches.UpdateAsync(
            batchId,
            b =>
            {
                if (b.IsFinished)
                {
                    return false;
                }

                b.Status = b.ErrorCode is null ? counts.FinalStatus() : JobStatus.Failed;
                b.CompletedAt = now;
                if (b.ArchiveStatus is ArchiveStatus.Pending or ArchiveStatus.Building)
                {
                    // Not built: nothing to put in it (no entry matched, the listing failed), or building it failed.
                    b.ArchiveStatus = counts.Completed == 0 ? ArchiveStatus.Empty : ArchiveStatus.Failed;
                }

                return true;
            },
            cancellationToken);

        BatchRecord stored = change?.Batch ?? batch;
        if (change is { Applied: true })
        {
            logger.LogInformation(
                "Batch {BatchId} finished {Status}: {Completed} completed, {Failed} failed, {Cancelled} cancelled",
                batchId,
                stored.Status,
                counts.Completed,
                counts.Failed,
                counts.Cancelled);
        }

        bool callbackDue = stored.CallbackUrl is not null && stored.Status is JobStatus.Completed or JobStatus.Failed;
        return new BatchFinish(stored.Status, callbackDue);
    }
}
