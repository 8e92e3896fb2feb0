using System.Globalization;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Webhooks;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// One download job: resolve the URL, then download, merge and store it in one activity (local
/// disk is not shared between activities on a scaled-out plan). Network hiccups and timeouts
/// are retried with backoff; any other failure is written to the job with its code. A completed or
/// failed job with a <c>callback_url</c> is then posted to it. The input is the request id alone:
/// URLs and options stay in the job record, out of the task hub's history.
/// </summary>
public sealed class DownloadOrchestrator : TaskOrchestrator<string, StepOutcome>
{
    // Activities that throw (storage down, a bug) are retried by the framework before the job fails.
    internal static readonly TaskOptions ActivityRetries = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <inheritdoc />
    public override async Task<StepOutcome> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ILogger logger = context.CreateReplaySafeLogger<DownloadOrchestrator>();
        string requestId = input;
        using IDisposable? scope = JobLogScope.Begin(logger, requestId);

        StepOutcome outcome;
        try
        {
            outcome = await RunStepsAsync(context, requestId);
        }
        catch (TaskFailedException e)
        {
            logger.LogError(e, "Download job {RequestId} failed in {TaskName}", requestId, e.TaskName);
            outcome = StepOutcome.Failure(ErrorCodes.Internal, "The download failed because of an internal error.");
        }

        bool callbackDue = outcome.CallbackDue;
        if (!outcome.Succeeded)
        {
            FailJobOutcome failed = await context.CallActivityAsync<FailJobOutcome>(
                nameof(FailJobActivity),
                new JobFailure(requestId, outcome.ErrorCode ?? ErrorCodes.Internal, outcome.Error ?? "The download failed."),
                ActivityRetries);
            callbackDue = failed.CallbackDue;
        }

        if (callbackDue)
        {
            await SendWebhookAsync(context, requestId);
        }

        logger.LogInformation(
            "Download job {RequestId} ended, succeeded {Succeeded}, code {ErrorCode}",
            requestId,
            outcome.Succeeded,
            outcome.ErrorCode);
        return outcome;
    }

    private static async Task<StepOutcome> RunStepsAsync(TaskOrchestrationContext context, string requestId)
    {
        ILogger logger = context.CreateReplaySafeLogger<DownloadOrchestrator>();
        for (int attempt = 1; ; attempt++)
        {
            // TODO: every job starts yt-dlp twice, to resolve and then to download: about 1 s and half
            // the tools' CPU of a small job (docs/performance.md). One run that writes what resolving
            // needs to a side file (--print-to-file) while it downloads would save it, with the checks
            // moved into the download activity.
            ResolveOutcome resolved = await context.CallActivityAsync<ResolveOutcome>(
                nameof(ResolveMediaActivity), requestId, ActivityRetries);
            StepOutcome outcome = resolved.Outcome;
            if (outcome.Succeeded)
            {
                outcome = await context.CallActivityAsync<StepOutcome>(
                    nameof(DownloadMediaActivity), new DownloadMediaInput(requestId, resolved.Parts), ActivityRetries);
            }

            if (outcome.Succeeded || !IsTransient(outcome.ErrorCode) || attempt >= resolved.MaxAttempts)
            {
                return outcome;
            }

            TimeSpan delay = TimeSpan.FromSeconds(resolved.RetryDelaySeconds * Math.Pow(2, attempt - 1));
            logger.LogWarning(
                "Download job {RequestId} hit {ErrorCode} on attempt {Attempt}; retrying in {Delay}",
                requestId,
                outcome.ErrorCode,
                attempt,
                delay);
            await context.CallActivityAsync(
                nameof(LogJobEventActivity),
                new JobEvent(
                    requestId,
                    JobLogLevel.Warning,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Attempt {attempt} failed ({outcome.ErrorCode}); retrying in {delay.TotalSeconds:0} s.")),
                ActivityRetries);
            await context.CreateTimer(delay, CancellationToken.None);
        }
    }

    // The activity retries the delivery itself (a few short waits inside one activity keep the
    // history small); the framework retries it only when it fails before sending, e.g. storage is down.
    private static async Task SendWebhookAsync(TaskOrchestrationContext context, string requestId)
    {
        ILogger logger = context.CreateReplaySafeLogger<DownloadOrchestrator>();
        try
        {
            bool delivered = await context.CallActivityAsync<bool>(
                nameof(SendWebhookActivity), requestId, ActivityRetries);
            if (!delivered)
            {
                logger.LogWarning("The webhook of download job {RequestId} was not delivered", requestId);
            }
        }
        catch (TaskFailedException e)
        {
            // A webhook never changes the job's status.
            logger.LogWarning(e, "The webhook of download job {RequestId} failed in {TaskName}", requestId, e.TaskName);
        }
    }

    private static bool IsTransient(string? errorCode) => errorCode is ErrorCodes.Network or ErrorCodes.Timeout;
}
