using System.Text.Json;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Security;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// Finds out what a job's URL holds, marks the job running and records its title, duration and
/// format. A fresh entry of the extraction cache (a formats or metadata call, or the job's own
/// <c>format_id</c> check, moments before) answers without running yt-dlp; otherwise it runs
/// <c>yt-dlp -J</c> with the job's format selection, in a private directory of its own (which holds
/// the job's copy of its cookies file, if any, and is removed afterwards), and fills the cache.
/// Options that do not fit what the site offers (a format it lacks, a clip past the end) fail here.
/// </summary>
public sealed class ResolveMediaActivity(
    JobStore jobs,
    JobLogStore logs,
    YtDlp ytDlp,
    LivePlaylistCheck livePlaylists,
    ExtractionCache extractions,
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
        ResolveOutcome outcome = await ResolveAsync(requestId, cancellationToken);
        return outcome with
        {
            MaxAttempts = Math.Max(1, options.Value.MaxAttempts),
            RetryDelaySeconds = Math.Max(0, options.Value.RetryDelaySeconds),
        };
    }

    private async Task<ResolveOutcome> ResolveAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
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
            string cacheKey = ExtractionCache.Key(url, job.Owner, downloadOptions.CookiesId);
            ResolvedMedia media;
            if (await extractions.GetAsync(cacheKey, linked.Token) is { } cached &&
                FromCache(cached.Media, downloadOptions) is { } fromCache)
            {
                double age = Math.Max(0, (clock.GetUtcNow() - cached.ExtractedAt).TotalSeconds);
                log.Info($"Using what the site said {age:0} s ago (extraction cache); not asking yt-dlp again.");
                media = fromCache;
            }
            else
            {
                if (downloadOptions.CookiesId is { } cookiesId)
                {
                    cookiesCopy = await cookies.CopyForJobAsync(cookiesId, workDir, log, linked.Token);
                }

                media = await ytDlp.ResolveAsync(
                    url, FormatPlan.For(downloadOptions), workDir, log.Add, cookiesCopy?.Path, linked.Token);
                if (media.Info is { } info)
                {
                    await extractions.SetAsync(cacheKey, info, linked.Token);
                }
            }

            if (media.IsPlaylist)
            {
                log.Error($"The URL is a playlist, not a single video.");
                return new ResolveOutcome(
                    StepOutcome.Failure(
                        ErrorCodes.UnsupportedUrl,
                        "The URL is a playlist or channel; this route downloads single videos."),
                    []);
            }

            if (media.IsLive || await livePlaylists.AnyEndlessAsync(media.HlsPlaylists, linked.Token))
            {
                log.Error($"The media is a live stream.");
                return new ResolveOutcome(
                    StepOutcome.Failure(
                        ErrorCodes.LiveNotSupported,
                        "The media is a live stream; only finished recordings can be downloaded."),
                    []);
            }

            long announced = media.Parts.Sum(p => p.Size ?? 0);
            if (announced > options.Value.MaxFileSizeBytes)
            {
                log.Error($"The site announces {announced} bytes, over the limit of {options.Value.MaxFileSizeBytes}.");
                return new ResolveOutcome(
                    StepOutcome.Failure(ErrorCodes.FileTooLarge, "The file is larger than this service allows."), []);
            }

            if (OptionsProblem(media, downloadOptions) is StepOutcome problem)
            {
                log.Error($"{problem.Error}");
                return new ResolveOutcome(problem, []);
            }

            log.Info(
                $"Found \"{media.Title}\" ({media.Extractor}), format {media.FormatId}{DurationNote(media.Duration)}.");
            NoteSubtitles(media.Info, downloadOptions, log);
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
    /// <summary>
    /// What the job will download, worked out from a cached extraction as yt-dlp would select it; <c>null</c>
    /// when the entry lacks the playlist of a chosen HLS format (it was written before they were kept), so
    /// that the live-stream check can still fetch it.
    /// </summary>
    private static ResolvedMedia? FromCache(ExtractedMedia info, DownloadOptions options)
    {
        FormatChoice choice = FormatCatalog.Choose(info, options);
        var playlists = new List<Uri>();
        IEnumerable<FormatInfo> hlsParts =
            choice.Parts.Where(p => p.Protocol?.StartsWith("m3u8", StringComparison.Ordinal) == true);
        foreach (FormatInfo part in hlsParts)
        {
            if (info.HlsPlaylistUrls?.GetValueOrDefault(part.FormatId) is not { } url)
            {
                return null;
            }

            playlists.Add(new Uri(url));
        }

        return new ResolvedMedia(
            info.Metadata.Id,
            info.Metadata.Title,
            info.Metadata.Duration,
            info.Metadata.Extractor,
            choice.FormatId,
            choice.Parts.Count > 0 ? choice.Parts[^1].Ext : null,
            [.. choice.Parts.Select(p => new MediaPart(p.FormatId, p.Protocol, p.Filesize, p.Ext))],
            info.IsPlaylist)
        {
            Info = info,
            IsLive = info.Metadata.IsLive,
            HlsPlaylists = playlists,
        };
    }

    /// <summary>The failure for options that do not fit what the site offers, or <c>null</c>.</summary>
    private static StepOutcome? OptionsProblem(ResolvedMedia media, DownloadOptions options)
    {
        if (media.Info is { } info && DownloadSiteChecks.FormatProblem(info, options) is string format)
        {
            return StepOutcome.Failure(ErrorCodes.Unavailable, format);
        }

        return DownloadSiteChecks.ClipProblem(media.Duration, options) is (_, string clip)
            ? StepOutcome.Failure(ErrorCodes.ClipOutOfRange, clip)
            : null;
    }

    private static string DurationNote(double? duration) =>
        duration is double seconds ? $", {ClipTime.Describe(seconds)} long" : ", duration not stated by the site";

    private static void NoteSubtitles(ExtractedMedia? info, DownloadOptions options, JobLogWriter log)
    {
        if (info is null || options.Subtitles.Count == 0)
        {
            return;
        }

        foreach (string language in options.Subtitles)
        {
            string? source = info.Metadata.Subtitles.Contains(language, StringComparer.Ordinal) ? "subtitles"
                : info.Metadata.AutomaticCaptions.Contains(language, StringComparer.Ordinal) ? "automatic captions"
                : null;
            if (source is null)
            {
                log.Warning($"The site has no subtitles in \"{language}\"; the file will not have them.");
            }
            else
            {
                log.Info($"Subtitles in \"{language}\" come from the site's {source}.");
            }
        }
    }
}
