using FunctionsDownloader.Downloads;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Batches;

/// <summary>
/// One batch: list the playlist or channel and make its jobs (a batch of URLs has them already), run the jobs
/// page by page through <see cref="BatchPageOrchestrator"/> sub-orchestrations, pack the completed files
/// into a zip when asked, record the final status and post the webhook. The input is the batch id alone.
/// The history stays small whatever the size of the batch: a few events per page here, and each page's
/// history is bounded by the page size (<see cref="BatchOptions.PageSize"/>).
/// </summary>
public sealed class BatchOrchestrator : TaskOrchestrator<string, string>
{
    private const int MaxListingAttempts = 3;

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ILogger logger = context.CreateReplaySafeLogger<BatchOrchestrator>();
        string batchId = input;

        BatchPlan plan = await ExpandAsync(context, batchId);
        int pageSize = Math.Max(1, plan.PageSize);
        for (int first = 1, page = 1; first <= plan.Total; first += pageSize, page++)
        {
            var work = new BatchPage(batchId, first, Math.Min(pageSize, plan.Total - first + 1), plan.ConcurrentLimit);
            try
            {
                await context.CallSubOrchestratorAsync<int>(
                    nameof(BatchPageOrchestrator),
                    work,
                    new SubOrchestrationOptions { InstanceId = BatchIds.PageInstanceId(batchId, page) });
            }
            catch (TaskFailedException e)
            {
                // The jobs it left unfinished are failed when the batch finishes; the other pages still run.
                logger.LogError(e, "Page {Page} of batch {BatchId} failed", page, batchId);
            }
        }

        if (plan.Archive && plan.Total > 0)
        {
            try
            {
                await context.CallActivityAsync<bool>(
                    nameof(BuildBatchArchiveActivity), batchId, DownloadOrchestrator.ActivityRetries);
            }
            catch (TaskFailedException e)
            {
                logger.LogError(e, "The archive of batch {BatchId} could not be built", batchId);
            }
        }

        BatchFinish finish = await context.CallActivityAsync<BatchFinish>(
            nameof(FinishBatchActivity), batchId, DownloadOrchestrator.ActivityRetries);
        if (finish.CallbackDue)
        {
            await SendWebhookAsync(context, batchId);
        }

        logger.LogInformation("Batch {BatchId} ended {Status}", batchId, finish.Status);
        return finish.Status;
    }

    /// <summary>Lists the playlist or channel, trying again with backoff while the site is unreachable.</summary>
    private static async Task<BatchPlan> ExpandAsync(TaskOrchestrationContext context, string batchId)
    {
        ILogger logger = context.CreateReplaySafeLogger<BatchOrchestrator>();
        for (int attempt = 1; ; attempt++)
        {
            BatchPlan plan = await context.CallActivityAsync<BatchPlan>(
                nameof(ExpandBatchActivity),
                new BatchExpansion(batchId, attempt, attempt >= MaxListingAttempts),
                DownloadOrchestrator.ActivityRetries);
            if (!plan.RetryLater)
            {
                return plan;
            }

            TimeSpan delay = TimeSpan.FromSeconds(5 * Math.Pow(2, attempt - 1));
            logger.LogWarning(
                "Listing batch {BatchId} failed on attempt {Attempt}; retrying in {Delay}", batchId, attempt, delay);
            await context.CreateTimer(delay, CancellationToken.None);
        }
    }

    private static async Task SendWebhookAsync(TaskOrchestrationContext context, string batchId)
    {
        ILogger logger = context.CreateReplaySafeLogger<BatchOrchestrator>();
        try
        {
            bool delivered = await context.CallActivityAsync<bool>(
                nameof(SendBatchWebhookActivity), batchId, DownloadOrchestrator.ActivityRetries);
            if (!delivered)
            {
                logger.LogWarning("The webhook of batch {BatchId} was not delivered", batchId);
            }
        }
        catch (TaskFailedException e)
        {
            // A webhook never changes the batch's status.
            logger.LogWarning(e, "The webhook of batch {BatchId} failed in {TaskName}", batchId, e.TaskName);
        }
    }
}
