using FunctionsDownloader.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Media;

/// <summary>
/// At start-up, clears what a crash left behind: tool processes still working under the work root,
/// and job directories of jobs that have finished or no longer exist. Directories of running jobs
/// stay: their activity is retried and starts the directory afresh.
/// </summary>
public sealed class WorkDirectoryJanitor(WorkDirectories directories, JobStore jobs, ILogger<WorkDirectoryJanitor> logger)
    : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string root = directories.Root;
        if (!Directory.Exists(root))
        {
            return;
        }

        int killed = OrphanedTools.Kill(root);
        if (killed > 0)
        {
            logger.LogWarning("Killed {Count} tool processes a previous run left behind", killed);
        }

        try
        {
            await RemoveLeftoversAsync(root, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Storage may not be up yet; leftovers wait for the next start.
            logger.LogWarning(e, "Could not check the job directories left in {Root}", root);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RemoveLeftoversAsync(string root, CancellationToken cancellationToken)
    {
        int removed = 0;
        foreach (string directory in Directory.EnumerateDirectories(root))
        {
            string name = Path.GetFileName(directory);
            string requestId = name.EndsWith("-resolve", StringComparison.Ordinal) ? name[..^"-resolve".Length] : name;
            if (!Downloads.RequestIds.IsWellFormed(requestId))
            {
                continue;
            }

            JobRecord? job = await jobs.GetAsync(requestId, cancellationToken);
            if (job is null || JobStatus.IsFinished(job.Status))
            {
                WorkDirectories.DeleteQuietly(directory, logger);
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} job directories left from an earlier run", removed);
        }
    }
}
