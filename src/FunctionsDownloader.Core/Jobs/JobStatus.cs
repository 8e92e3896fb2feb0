namespace FunctionsDownloader.Jobs;

/// <summary>The job statuses of the v1 contract.</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    /// <summary>Whether a job in <paramref name="status"/> has finished and may never change again
    /// (except <c>completed</c> becoming <c>expired</c> when its file is deleted).</summary>
    public static bool IsFinished(string status) =>
        status is Completed or Failed or Cancelled or Expired;
}
