using FunctionsDownloader.Downloads;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsDownloader.Functions.Workflows;

/// <summary>The download orchestrator and activities: one-line wrappers over the Core classes.</summary>
public sealed class DownloadWorkflowFunctions(
    ResolveMediaActivity resolve,
    DownloadMediaActivity download,
    FailJobActivity fail,
    LogJobEventActivity logEvent)
{
    [Function(nameof(DownloadOrchestrator))]
    public static Task<StepOutcome> RunDownloadOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DownloadOrchestrator().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(ResolveMediaActivity))]
    public Task<ResolveOutcome> ResolveMedia([ActivityTrigger] string requestId, CancellationToken cancellationToken) =>
        resolve.ExecuteAsync(requestId, cancellationToken);

    [Function(nameof(DownloadMediaActivity))]
    public Task<StepOutcome> DownloadMedia([ActivityTrigger] DownloadMediaInput input, CancellationToken cancellationToken) =>
        download.ExecuteAsync(input, cancellationToken);

    [Function(nameof(FailJobActivity))]
    public Task<FailJobOutcome> FailJob([ActivityTrigger] JobFailure input, CancellationToken cancellationToken) =>
        fail.ExecuteAsync(input, cancellationToken);

    [Function(nameof(LogJobEventActivity))]
    public Task<bool> LogJobEvent([ActivityTrigger] JobEvent input, CancellationToken cancellationToken) =>
        logEvent.ExecuteAsync(input, cancellationToken);
}
