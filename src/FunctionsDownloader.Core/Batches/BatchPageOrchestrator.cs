using FunctionsDownloader.Downloads;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Runs one page of a batch: each job is a <see cref="DownloadOrchestrator"/> sub-orchestration (the same
/// workflow as a single download, with its retries of network errors and timeouts), its instance id the
/// job's request id. A sliding window keeps at most <see cref="BatchPage.ConcurrentLimit"/> of them running:
/// the next starts when one ends. A job that fails, or is cancelled on its own, never stops the others.
/// </summary>
public sealed class BatchPageOrchestrator : TaskOrchestrator<BatchPage, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, BatchPage input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        int window = Math.Max(1, input.ConcurrentLimit);

        var running = new List<Task>(window);
        for (int index = input.First; index < input.First + input.Count; index++)
        {
            if (running.Count >= window)
            {
                running.Remove(await Task.WhenAny(running));
            }

            running.Add(RunJobAsync(context, BatchIds.ItemRequestId(input.BatchId, index)));
        }

        await Task.WhenAll(running);
        return input.Count;
    }

    private static async Task RunJobAsync(TaskOrchestrationContext context, string requestId)
    {
        try
        {
            await context.CallSubOrchestratorAsync<StepOutcome>(
                nameof(DownloadOrchestrator), requestId, new SubOrchestrationOptions { InstanceId = requestId });
        }
        catch (TaskFailedException e)
        {
            // Terminated by a cancel, or failed outright: the job record says which, and the batch goes on.
            context.CreateReplaySafeLogger<BatchPageOrchestrator>().LogWarning(
                "The orchestration of job {RequestId} ended without an outcome: {Message}", requestId, e.Message);
        }
    }
}
