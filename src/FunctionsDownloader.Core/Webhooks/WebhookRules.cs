using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// When a job's webhook is due: it has a callback URL and has completed or failed (a cancelled job
/// sends none).
/// </summary>
public static class WebhookRules
{
    /// <summary>Whether <paramref name="job"/> should be posted to its callback URL now.</summary>
    public static bool IsDue(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return !string.IsNullOrEmpty(job.CallbackUrl) && job.Status is JobStatus.Completed or JobStatus.Failed;
    }
}
