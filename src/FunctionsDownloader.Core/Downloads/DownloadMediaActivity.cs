using System.Globalization;
using System.Text.Json;
using Azure;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Storage;
using FunctionsDownloader.Webhooks;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Downloads a job's media and stores it, then marks the job completed — all in one activity,
/// because local disk is not shared between activity executions. One direct file that needs no
/// post-processing is streamed from yt-dlp straight into the blob; anything else is downloaded into
/// the job's own directory (merged or converted with ffmpeg there) and uploaded in parallel blocks.
/// Either way ffprobe checks the result before the job completes. Safe to run again for the same
/// job: the directory starts empty and the blob name is fixed, so a retry overwrites.
/// </summary>
public sealed class DownloadMediaActivity(
    JobStore jobs,
    JobLogStore logs,
    YtDlp ytDlp,
    FFprobe ffprobe,
    ResultStore results,
    ISasLinkIssuer sasLinks,
    CookiesStore cookies,
    WorkDirectories directories,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<DownloadMediaActivity> logger) : TaskActivity<DownloadMediaInput, StepOutcome>
{
    private static readonly TimeSpan UploadSettleTime = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public override Task<StepOutcome> RunAsync(TaskActivityContext context, DownloadMediaInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    public async Task<StepOutcome> ExecuteAsync(DownloadMediaInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        string requestId = input.RequestId;
        using IDisposable? scope = JobLogScope.Begin(logger, requestId);

        JobChange? started = await jobs.UpdateAsync(
            requestId,
            job =>
            {
                if (JobStatus.IsFinished(job.Status))
                {
                    return false;
                }

                job.Status = JobStatus.Running;
                job.Phase = JobPhase.Downloading;
                job.Attempt++;
                return true;
            },
            cancellationToken);
        if (started is not { Applied: true })
        {
            // A redelivered activity of a job cancelled mid-upload: make sure nothing of it stayed behind.
            if (started?.Job.Status == JobStatus.Cancelled)
            {
                await results.DeleteJobFilesAsync(requestId, cancellationToken);
            }

            return StepOutcome.Failure(ErrorCodes.Cancelled, "The job has already finished.");
        }

        JobRecord job = started.Job;
        var log = new JobLogWriter(logs, clock, requestId);
        var tracker = new ProgressTracker(input.Parts);
        string workDir = directories.Create(requestId);
        log.Redact(workDir + Path.DirectorySeparatorChar, "");
        log.Redact(workDir, ".");
        logger.LogInformation("Downloading job {RequestId}, attempt {Attempt}", requestId, job.Attempt);
        log.Info($"Downloading (attempt {job.Attempt}).");

        StoredFile? stored = null;
        double? probedDuration = null;
        await using (var monitor = new JobMonitor(
            jobs, log, job, tracker, TimeSpan.FromMilliseconds(options.Value.ProgressIntervalMilliseconds), logger))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, monitor.Token);
            try
            {
                (stored, probedDuration) = await DownloadAndStoreAsync(job, input.Parts, workDir, tracker, log, linked.Token);
            }
            catch (OperationCanceledException) when (monitor.FinishedElsewhere)
            {
                log.Info($"Download stopped: the job was cancelled.");
                logger.LogInformation("Job {RequestId} was cancelled while downloading", requestId);
                await results.DeleteJobFilesAsync(requestId, CancellationToken.None);

                // An upload request already on the wire when the cancel stopped the client can still land
                // after that delete: look once more when it has had time to.
                await Task.Delay(UploadSettleTime, CancellationToken.None);
                await results.DeleteJobFilesAsync(requestId, CancellationToken.None);
                return StepOutcome.Failure(ErrorCodes.Cancelled, "The job was cancelled.");
            }
            catch (MediaToolException e)
            {
                logger.LogWarning(
                    "Job {RequestId} failed: {Tool} exited {ExitCode} ({ErrorCode}); stderr: {StandardError}",
                    requestId,
                    e.Tool,
                    e.ExitCode,
                    e.ErrorCode,
                    LogSanitizer.Clean(log.Scrub(e.StandardErrorTail)));
                log.Error($"{e.Message}");
                return StepOutcome.Failure(e.ErrorCode, e.Message);
            }
            catch (CookiesMissingException e)
            {
                log.Error($"{e.Message}");
                return StepOutcome.Failure(ErrorCodes.LoginRequired, e.Message);
            }
            catch (ToolStalledException e)
            {
                log.Error($"{e.Message}");
                return StepOutcome.Failure(ErrorCodes.Timeout, "The download made no progress for too long and was stopped.");
            }
            finally
            {
                WorkDirectories.DeleteQuietly(workDir, logger);
            }
        }

        return await CompleteAsync(job, stored, probedDuration, log, cancellationToken);
    }

    private async Task<(StoredFile Stored, double? Duration)> DownloadAndStoreAsync(
        JobRecord job,
        IReadOnlyList<MediaPart> parts,
        string workDir,
        ProgressTracker tracker,
        JobLogWriter log,
        CancellationToken cancellationToken)
    {
        DownloadOptions downloadOptions = JsonSerializer.Deserialize<DownloadOptions>(job.OptionsJson) ?? new DownloadOptions();
        using CookiesCopy? cookiesCopy = downloadOptions.CookiesId is { } cookiesId
            ? await cookies.CopyForJobAsync(cookiesId, workDir, log, cancellationToken)
            : null;

        if (DirectStreamPlan.For(downloadOptions, parts, out string reason) is { } direct)
        {
            log.Info($"Streaming format {direct.FormatId} straight into storage (no temporary file).");
            return await StreamAndStoreAsync(
                job, direct, downloadOptions, parts, workDir, cookiesCopy?.Path, tracker, log, cancellationToken);
        }

        log.Info($"Downloading into the job directory: {reason}.");
        DiskSpace.EnsureRoom(workDir, parts, options.Value.MinFreeDiskBytes);
        FormatPlan plan = FormatPlan.For(downloadOptions);
        string file = await ytDlp.DownloadAsync(
            new Uri(job.Url), plan, workDir, tracker, log.Add, cookiesCopy?.Path, cancellationToken);
        cookiesCopy?.Dispose();

        ProbeResult probe = await ProbeAsync(
            token => ffprobe.ProbeAsync(file, token), downloadOptions, cancellationToken);
        (double? expected, bool exact) = ExpectedDuration(job, downloadOptions);
        OutputVerifier.Verify(probe, downloadOptions, Path.GetExtension(file).TrimStart('.'), parts, expected, exact);

        long size = new FileInfo(file).Length;
        if (size > options.Value.MaxFileSizeBytes)
        {
            // yt-dlp enforces --max-filesize only where the size is known before downloading (not for HLS).
            throw new MediaToolException(
                ToolLocator.YtDlp, 0, ErrorCodes.FileTooLarge, "The file is larger than this service allows.");
        }

        log.Info($"Downloaded {size} bytes: {Describe(probe)}.");
        tracker.OnUpload(0, size);
        var progress = new Progress<long>(uploaded => tracker.OnUpload(uploaded, size));
        StoredFile stored = await results.UploadFileAsync(job.RequestId, file, job.Title ?? "download", progress, cancellationToken);
        tracker.OnUpload(size, size);
        log.Info($"Stored as {stored.FileName}.");
        return (stored, probe.Duration);
    }

    /// <summary>
    /// Pipes yt-dlp's output into the blob while it downloads, then checks what was stored: its size
    /// against the server's announcement and its streams with ffprobe through a short-lived read link
    /// (every packet counted when the server announced no size). Whatever fails, nothing of it stays.
    /// </summary>
    private async Task<(StoredFile Stored, double? Duration)> StreamAndStoreAsync(
        JobRecord job,
        DirectStreamPlan direct,
        DownloadOptions downloadOptions,
        IReadOnlyList<MediaPart> parts,
        string workDir,
        string? cookiesPath,
        ProgressTracker tracker,
        JobLogWriter log,
        CancellationToken cancellationToken)
    {
        StoredFile? stored = null;
        try
        {
            StreamedOutput output = await ytDlp.StreamAsync(
                new Uri(job.Url),
                direct,
                workDir,
                tracker,
                log.Add,
                cookiesPath,
                async (stream, token) => stored = await results.UploadAsync(
                    job.RequestId, stream, job.Title ?? "download", direct.Extension, progress: null, token),
                cancellationToken);
            if (stored is null)
            {
                throw new MediaToolException(
                    ToolLocator.YtDlp, 0, ErrorCodes.Internal, "The streamed download was not stored.");
            }

            if (output.AnnouncedBytes is long announced && announced != output.Bytes)
            {
                throw new MediaToolException(
                    ToolLocator.YtDlp,
                    0,
                    ErrorCodes.InvalidOutput,
                    $"The downloaded file is cut short: {output.Bytes} of the {announced} bytes the site announced.");
            }

            Uri link = await sasLinks.IssueReadLinkAsync(
                stored.BlobName, clock.GetUtcNow().AddMinutes(30), cancellationToken);
            log.Redact(link.AbsoluteUri, stored.FileName);
            bool countPackets = output.AnnouncedBytes is null;
            ProbeResult probe = await ProbeAsync(
                token => ffprobe.ProbeLinkAsync(link, workDir, countPackets, token),
                downloadOptions,
                cancellationToken);
            (double? expected, bool exact) = ExpectedDuration(job, downloadOptions);
            OutputVerifier.Verify(probe, downloadOptions, direct.Extension, parts, expected, exact);

            log.Info($"Streamed {output.Bytes} bytes: {Describe(probe)}.");
            tracker.OnUpload(output.Bytes, output.Bytes);
            log.Info($"Stored as {stored.FileName}.");
            return (stored, probe.Duration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A partial or unusable upload must not outlive the attempt that made it.
            await DeleteStoredQuietlyAsync(job.RequestId);
            throw;
        }
    }

    private async Task DeleteStoredQuietlyAsync(string requestId)
    {
        try
        {
            await results.DeleteJobFilesAsync(requestId, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or IOException or OperationCanceledException)
        {
            logger.LogWarning(e, "Could not remove what job {RequestId} stored before it failed", requestId);
        }
    }

    private static string Describe(ProbeResult probe) => string.Create(
        CultureInfo.InvariantCulture,
        $"{string.Join(", ", probe.Streams.Select(s => s.CodecType + " " + s.CodecName))}, {probe.Duration:0.###} s");

    /// <summary>How long the result should last: the clip's length exactly, or at most the announced duration.</summary>
    private static (double? Seconds, bool Exact) ExpectedDuration(JobRecord job, DownloadOptions downloadOptions)
    {
        if (!downloadOptions.IsClip)
        {
            return (job.Duration, false);
        }

        double start = downloadOptions.StartTime ?? 0;
        double? end = downloadOptions.EndTime ?? job.Duration;
        return end is double e && e > start ? (e - start, true) : (null, false);
    }

    /// <summary>
    /// Reads the file's streams: yt-dlp can exit 0 and leave an unusable file. A clip that starts
    /// past the end of media whose duration the site did not state comes out empty: that is the
    /// caller's clip, not a failed conversion.
    /// </summary>
    private static async Task<ProbeResult> ProbeAsync(
        Func<CancellationToken, Task<ProbeResult>> read,
        DownloadOptions downloadOptions,
        CancellationToken cancellationToken)
    {
        ProbeResult? probe = null;
        try
        {
            probe = await read(cancellationToken);
        }
        catch (MediaToolException) when (downloadOptions.IsClip)
        {
            // Reported below.
        }

        bool usable = probe is not null &&
            (downloadOptions.AudioOnly ? probe.HasAudio : probe.HasVideo || probe.HasAudio) &&
            probe.Duration is > 0;
        if (usable)
        {
            return probe!;
        }

        throw downloadOptions.IsClip
            ? new MediaToolException(
                ToolLocator.Ffprobe,
                0,
                ErrorCodes.ClipOutOfRange,
                $"The clip from {ClipTime.Describe(downloadOptions.StartTime ?? 0)} holds nothing: " +
                "the media ends before it starts.")
            : new MediaToolException(
                ToolLocator.Ffprobe,
                0,
                ErrorCodes.PostprocessingFailed,
                "The downloaded file has no playable streams.");
    }

    private async Task<StepOutcome> CompleteAsync(
        JobRecord started,
        StoredFile? stored,
        double? probedDuration,
        JobLogWriter log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        DateTimeOffset now = clock.GetUtcNow();
        string extension = Path.GetExtension(stored.FileName).TrimStart('.');

        // The job's duration is the file's: yt-dlp states none for the generic, HLS and DASH
        // extractors, and a clip is shorter than the media the site describes.
        bool isClip = JsonSerializer.Deserialize<DownloadOptions>(started.OptionsJson)?.IsClip == true;
        double? duration = started.Duration is null || isClip ? probedDuration ?? started.Duration : started.Duration;

        // Cancel racing completion: the ETag decides, and the loser's file is removed.
        JobChange? change = await jobs.UpdateAsync(
            started.RequestId,
            job =>
            {
                if (JobStatus.IsFinished(job.Status))
                {
                    return false;
                }

                job.Status = JobStatus.Completed;
                job.Phase = JobPhase.Finished;
                job.ProgressPercent = 100;
                job.CompletedAt = now;
                job.DeletionTime = now + options.Value.Retention;
                job.FilePath = stored.BlobName;
                job.Duration = duration is double d ? Math.Round(d, 3) : job.Duration;
                job.FileSize = stored.Size;
                job.Format = extension;
                job.SpeedBytesPerSecond = null;
                job.EtaSeconds = 0;
                job.DownloadedBytes ??= stored.Size;
                return true;
            },
            cancellationToken);

        if (change is not { Applied: true })
        {
            log.Info($"The job finished elsewhere (cancelled) before it could complete; the file was removed.");
            await log.FlushAsync(cancellationToken);
            await results.DeleteJobFilesAsync(started.RequestId, cancellationToken);
            return StepOutcome.Failure(ErrorCodes.Cancelled, "The job was cancelled.");
        }

        log.Info($"Completed.");
        await log.FlushAsync(cancellationToken);
        logger.LogInformation("Job {RequestId} completed, {FileSize} bytes", started.RequestId, stored.Size);
        return StepOutcome.Completed(WebhookRules.IsDue(change.Job));
    }
}
