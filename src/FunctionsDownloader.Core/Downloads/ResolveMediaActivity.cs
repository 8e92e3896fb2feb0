using System.Text.Json;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Security;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Asks yt-dlp what a job's URL holds (<c>yt-dlp -J</c> with the job's format selection), marks the
/// job running and records its title, duration and format. Runs in a private directory of its own,
/// which holds the job's copy of its cookies file, if any, and is removed afterwards.
/// </summary>
public sealed class ResolveMediaActivity(
    JobStore jobs,
    JobLogStore logs,
    YtDlp ytDlp,
    CookiesStore cookies,
    UrlGuard urlGuard,
    WorkDirectories directories,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<ResolveMediaActivity> logger) : TaskActivity<string, ResolveOutcome>
{
    private const string DirectorySuffix = "-resolve";

    /// <inheritdoc />
    public override Task<ResolveOutcome> RunAsync(TaskActivityContext context, string input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    public async Task<ResolveOutcome> ExecuteAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["request_id"] = requestId });

        JobChange? started = await jobs.UpdateAsync(
            requestId,
            job =>
            {
                if (JobStatus.IsFinished(job.Status))
                {
                    return false;
                }

                job.Status = JobStatus.Running;
                job.Phase = JobPhase.Resolving;
                return true;
            },
            cancellationToken);
        if (started is not { Applied: true })
        {
            return new ResolveOutcome(StepOutcome.Failure(ErrorCodes.Cancelled, "The job has already finished."), []);
        }

        JobRecord job = started.Job;
        var log = new JobLogWriter(logs, clock, requestId);
        Uri url;
        try
        {
            url = await CheckedUrlAsync(job, cancellationToken);
        }
        catch (InvalidRequestException e)
        {
            // The failure step writes the reason to the job's log.
            return new ResolveOutcome(StepOutcome.Failure(ErrorCodes.UnsupportedUrl, e.Message), []);
        }

        log.Info($"Resolving {LogSanitizer.StripQuery(url)}.");
        logger.LogInformation("Resolving job {RequestId}", requestId);

        await using var monitor = new JobMonitor(
            jobs, log, job, tracker: null, TimeSpan.FromMilliseconds(options.Value.ProgressIntervalMilliseconds), logger);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, monitor.Token);
        string workDir = directories.Create(requestId + DirectorySuffix);
        log.Redact(workDir + Path.DirectorySeparatorChar, "");
        log.Redact(workDir, ".");
        CookiesCopy? cookiesCopy = null;
        try
        {
            DownloadOptions downloadOptions = JsonSerializer.Deserialize<DownloadOptions>(job.OptionsJson) ?? new DownloadOptions();
            if (downloadOptions.CookiesId is { } cookiesId)
            {
                cookiesCopy = await cookies.CopyForJobAsync(cookiesId, workDir, log, linked.Token);
            }

            ResolvedMedia media = await ytDlp.ResolveAsync(
                url, FormatPlan.For(downloadOptions), workDir, log.Add, cookiesCopy?.Path, linked.Token);
            if (media.IsPlaylist)
            {
                log.Error($"The URL is a playlist, not a single video.");
                return new ResolveOutcome(
                    StepOutcome.Failure(
                        ErrorCodes.UnsupportedUrl,
                        "The URL is a playlist or channel; this route downloads single videos."),
                    []);
            }

            log.Info($"Found \"{media.Title}\" ({media.Extractor}), format {media.FormatId}.");
            await jobs.UpdateAsync(
                requestId,
                j =>
                {
                    if (JobStatus.IsFinished(j.Status))
                    {
                        return false;
                    }

                    // A playlist entry keeps the title its listing gave it.
                    j.Title = j.BatchId is not null && j.Title is not null ? j.Title : MediaTitle.Clean(media.Title);
                    j.Duration = media.Duration;
                    j.Format = media.FormatId;
                    return true;
                },
                cancellationToken);
            return new ResolveOutcome(StepOutcome.Success, media.Parts);
        }
        catch (OperationCanceledException) when (monitor.FinishedElsewhere)
        {
            log.Info($"Resolving stopped: the job was cancelled.");
            return new ResolveOutcome(StepOutcome.Failure(ErrorCodes.Cancelled, "The job was cancelled."), []);
        }
        catch (MediaToolException e)
        {
            logger.LogWarning(
                "Resolving job {RequestId} failed: {Tool} exited {ExitCode} ({ErrorCode}); stderr: {StandardError}",
                requestId,
                e.Tool,
                e.ExitCode,
                e.ErrorCode,
                LogSanitizer.Clean(log.Scrub(e.StandardErrorTail)));
            log.Error($"Resolving failed: {e.Message}");
            return new ResolveOutcome(StepOutcome.Failure(e.ErrorCode, e.Message), []);
        }
        catch (ToolStalledException e)
        {
            log.Error($"{e.Message}");
            return new ResolveOutcome(StepOutcome.Failure(ErrorCodes.Timeout, "The site did not answer in time."), []);
        }
        catch (CookiesMissingException e)
        {
            log.Error($"{e.Message}");
            return new ResolveOutcome(StepOutcome.Failure(ErrorCodes.LoginRequired, e.Message), []);
        }
        finally
        {
            cookiesCopy?.Dispose();
            WorkDirectories.DeleteQuietly(workDir, logger);
        }
    }

    /// <summary>
    /// The URL to resolve. A caller's URL passed the guard when the job was made; a URL the service took from
    /// a playlist or channel listing passes it now, keeping the fragment yt-dlp smuggled into it.
    /// </summary>
    private async Task<Uri> CheckedUrlAsync(JobRecord job, CancellationToken cancellationToken) =>
        job.PlaylistIndex is null ? new Uri(job.Url) : await EntryUrls.CheckAsync(urlGuard, job.Url, cancellationToken);
}
