using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Batches;

/// <summary>
/// How many jobs of a batch are in each state (an expired job counts as completed: it did complete), and the
/// overall status the contract derives from them.
/// </summary>
public sealed record BatchCounts(int Total, int Queued, int Running, int Completed, int Failed, int Cancelled)
{
    /// <summary>Counts <paramref name="jobs"/>.</summary>
    public static BatchCounts Of(IReadOnlyCollection<JobRecord> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return new BatchCounts(
            jobs.Count,
            jobs.Count(j => j.Status == JobStatus.Queued),
            jobs.Count(j => j.Status == JobStatus.Running),
            jobs.Count(j => j.Status is JobStatus.Completed or JobStatus.Expired),
            jobs.Count(j => j.Status == JobStatus.Failed),
            jobs.Count(j => j.Status == JobStatus.Cancelled));
    }

    /// <summary>Whether every job has finished.</summary>
    public bool AllFinished => Queued == 0 && Running == 0;

    /// <summary>
    /// The status of a batch whose jobs have all finished: <c>completed</c> when every job completed,
    /// <c>failed</c> when any failed (or there are none), else <c>cancelled</c> (some were cancelled one by one).
    /// </summary>
    public string FinalStatus() =>
        Total == 0 || Failed > 0 ? JobStatus.Failed
        : Completed == Total ? JobStatus.Completed
        : JobStatus.Cancelled;
}
