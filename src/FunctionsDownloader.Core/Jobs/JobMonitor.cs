using FunctionsDownloader.Media;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// Watches a running job from inside its activity: about once a second it writes the latest
/// progress and log lines (guarded by the ETag) and re-reads the record, and it trips
/// <see cref="Token"/> as soon as the job is found finished, which is how a cancel made on any
/// instance reaches the process that runs the download.
/// </summary>
public sealed class JobMonitor : IAsyncDisposable
{
    private readonly JobStore _store;
    private readonly JobLogWriter _log;
    private readonly ProgressTracker? _tracker;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _finished = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private DownloadProgress? _written;

    /// <summary>Starts watching <paramref name="job"/>.</summary>
    public JobMonitor(
        JobStore store,
        JobLogWriter log,
        JobRecord job,
        ProgressTracker? tracker,
        TimeSpan interval,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(job);
        _store = store;
        _log = log;
        _tracker = tracker;
        _interval = interval;
        _logger = logger;
        RequestId = job.RequestId;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The job being watched.</summary>
    public string RequestId { get; }

    /// <summary>Cancelled when the job has been finished by somebody else (a cancel).</summary>
    public CancellationToken Token => _finished.Token;

    /// <summary>Whether the job was found finished by somebody else.</summary>
    public bool FinishedElsewhere => _finished.IsCancellationRequested;

    /// <summary>Stops watching and writes what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        try
        {
            await _log.FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Could not write the last log lines of job {RequestId}", RequestId);
        }

        _finished.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                await TickAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Storage hiccups must not end a download; the next tick tries again.
                _logger.LogWarning(e, "Could not update the progress of job {RequestId}", RequestId);
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await _log.FlushAsync(cancellationToken);

        JobRecord? job = await _store.GetAsync(RequestId, cancellationToken);
        if (job is null || JobStatus.IsFinished(job.Status))
        {
            await _finished.CancelAsync();
            return;
        }

        DownloadProgress? progress = _tracker?.Current;
        if (progress is null || progress == _written)
        {
            return;
        }

        job.Phase = progress.Phase;
        job.ProgressPercent = Math.Max(job.ProgressPercent, progress.Percent);
        job.DownloadedBytes = progress.DownloadedBytes;
        job.TotalBytes = progress.TotalBytes;
        job.SpeedBytesPerSecond = progress.SpeedBytesPerSecond;
        job.EtaSeconds = progress.EtaSeconds;
        if (await _store.TryReplaceAsync(job, cancellationToken))
        {
            _written = progress;
        }
    }
}
