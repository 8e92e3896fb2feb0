using FunctionsDownloader.Jobs;
using Microsoft.DurableTask;

namespace FunctionsDownloader.Downloads;

/// <summary>Writes one workflow event (a retry, say) to a job's log; orchestrators cannot do I/O themselves.</summary>
public sealed class LogJobEventActivity(JobLogStore logs, TimeProvider clock) : TaskActivity<JobEvent, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, JobEvent input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    public async Task<bool> ExecuteAsync(JobEvent input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);

        var log = new JobLogWriter(logs, clock, input.RequestId);
        log.Add(input.Level, input.Message);
        await log.FlushAsync(cancellationToken);
        return true;
    }
}
