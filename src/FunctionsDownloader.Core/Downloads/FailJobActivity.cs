using FunctionsDownloader.Jobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Downloads;

/// <summary>Marks a job failed with its code and message, unless it has already finished (a cancel won).</summary>
public sealed class FailJobActivity(JobStore jobs, JobLogStore logs, TimeProvider clock, ILogger<FailJobActivity> logger)
    : TaskActivity<JobFailure, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, JobFailure input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    /// <returns>Whether the job was marked failed by this call.</returns>
    public async Task<bool> ExecuteAsync(JobFailure input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["request_id"] = input.RequestId });

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

        return change is { Applied: true };
    }
}
