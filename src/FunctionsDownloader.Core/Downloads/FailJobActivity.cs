using FunctionsDownloader.Jobs;
using FunctionsDownloader.Webhooks;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Downloads;

/// <summary>Marks a job failed with its code and message, unless it has already finished (a cancel won).</summary>
public sealed class FailJobActivity(JobStore jobs, JobLogStore logs, TimeProvider clock, ILogger<FailJobActivity> logger)
    : TaskActivity<JobFailure, FailJobOutcome>
{
    /// <inheritdoc />
    public override Task<FailJobOutcome> RunAsync(TaskActivityContext context, JobFailure input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    /// <returns>Whether the job was marked failed by this call, and whether its webhook is due.</returns>
    public async Task<FailJobOutcome> ExecuteAsync(JobFailure input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? scope = JobLogScope.Begin(logger, input.RequestId);

        DateTimeOffset now = clock.GetUtcNow();
        JobChange? change = await jobs.UpdateAsync(
            input.RequestId,
            job =>
            {
                if (JobStatus.IsFinished(job.Status))
                {
                    return false;
                }

                job.Status = JobStatus.Failed;
                job.Phase = JobPhase.Finished;
                job.ErrorCode = input.ErrorCode;
                job.Error = input.Error;
                job.CompletedAt = now;
                job.SpeedBytesPerSecond = null;
                job.EtaSeconds = null;
                return true;
            },
            cancellationToken);

        if (change is { Applied: true })
        {
            var log = new JobLogWriter(logs, clock, input.RequestId);
            log.Error($"Job failed ({input.ErrorCode}): {input.Error}");
            await log.FlushAsync(cancellationToken);
            logger.LogWarning("Job {RequestId} failed with {ErrorCode}", input.RequestId, input.ErrorCode);
        }

        // A retried call finds the job already failed: its webhook is still due.
        return new FailJobOutcome(change is { Applied: true }, change is not null && WebhookRules.IsDue(change.Job));
    }
}
