using FunctionsDownloader.Batches;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsDownloader.Functions.Batches;

/// <summary>The batch orchestrators and activities: one-line wrappers over the Core classes.</summary>
public sealed class BatchWorkflowFunctions(
    ExpandBatchActivity expand,
    BuildBatchArchiveActivity archive,
    FinishBatchActivity finish,
    SendBatchWebhookActivity webhook)
{
    [Function(nameof(BatchOrchestrator))]
    public static Task<string> RunBatchOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BatchOrchestrator().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(BatchPageOrchestrator))]
    public static Task<int> RunBatchPageOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BatchPageOrchestrator().RunAsync(context, context.GetInput<BatchPage>()!);

    [Function(nameof(ExpandBatchActivity))]
    public Task<BatchPlan> ExpandBatch([ActivityTrigger] BatchExpansion input, CancellationToken cancellationToken) =>
        expand.ExecuteAsync(input, cancellationToken);

    [Function(nameof(BuildBatchArchiveActivity))]
    public Task<bool> BuildBatchArchive([ActivityTrigger] string batchId, CancellationToken cancellationToken) =>
        archive.ExecuteAsync(batchId, cancellationToken);

    [Function(nameof(FinishBatchActivity))]
    public Task<BatchFinish> FinishBatch([ActivityTrigger] string batchId, CancellationToken cancellationToken) =>
        finish.ExecuteAsync(batchId, cancellationToken);

    [Function(nameof(SendBatchWebhookActivity))]
    public Task<bool> SendBatchWebhook([ActivityTrigger] string batchId, CancellationToken cancellationToken) =>
        webhook.ExecuteAsync(batchId, cancellationToken);
}
