using FunctionsDownloader.Jobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The cancel path every route shares (a single download, every unfinished job of a batch): the job is
/// marked cancelled under its ETag, so a cancel racing completion has one winner and a finished job never
/// changes, and its orchestration is terminated. The running download activity sees the change within
/// about a second and kills yt-dlp's process group.
/// </summary>
public sealed class JobCanceller(JobStore jobs, JobLogStore logs, TimeProvider clock, ILogger<JobCanceller> logger)
{
    /// <summary>
    /// Marks the job cancelled unless it has finished; <paramref name="reason"/> becomes its error and a line
    /// of its log.
    /// </summary>
    /// <returns>The record and whether this call cancelled it; <c>null</c> when there is no such job.</returns>
    public async Task<JobChange?> CancelAsync(string requestId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);

        DateTimeOffset now = clock.GetUtcNow();
        JobChange? change = await jobs.UpdateAsync(
            requestId,
            job =>
            {
                if (JobStatus.IsFinished(job.Status))
                {
                    return false;
                }

                job.Status = JobStatus.Cancelled;
                job.Phase = JobPhase.Finished;
                job.CompletedAt = now;
                job.ErrorCode = ErrorCodes.Cancelled;
                job.Error = reason;
                job.SpeedBytesPerSecond = null;
                job.EtaSeconds = null;
                return true;
            },
            cancellationToken);

        if (change is { Applied: true })
        {
            var log = new JobLogWriter(logs, clock, requestId);
            log.Info($"{reason}");
            await log.FlushAsync(cancellationToken);
        }

        return change;
    }

    /// <summary>
    /// Terminates the orchestration <paramref name="instanceId"/>. A finished or missing instance is not an
    /// error: the job record, already marked, is what stops the work.
    /// </summary>
    public async Task TerminateAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.TerminateInstanceAsync(
                instanceId, new TerminateInstanceOptions { Output = "cancelled", Recursive = true }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not terminate the orchestration {InstanceId}", instanceId);
        }
    }
}
