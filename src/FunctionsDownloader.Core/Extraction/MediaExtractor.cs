using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Extraction;

/// <summary>
/// What a URL holds, for the formats and metadata routes and for checks at submit time: from the
/// extraction cache when it is fresh, otherwise from <c>yt-dlp -J</c> run in a private directory of
/// its own (holding the caller's cookies copy, if any) within a time limit, a few runs at a time.
/// </summary>
public sealed class MediaExtractor : IDisposable
{
    private const string DirectoryPrefix = "extract-";
    private const string Redacted = "[cookie]";

    private readonly YtDlp _ytDlp;
    private readonly ExtractionCache _cache;
    private readonly CookiesStore _cookies;
    private readonly WorkDirectories _directories;
    private readonly IOptions<DownloaderOptions> _options;
    private readonly ILogger<MediaExtractor> _logger;
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates the extractor.</summary>
    public MediaExtractor(
        YtDlp ytDlp,
        ExtractionCache cache,
        CookiesStore cookies,
        WorkDirectories directories,
        IOptions<DownloaderOptions> options,
        ILogger<MediaExtractor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ytDlp = ytDlp;
        _cache = cache;
        _cookies = cookies;
        _directories = directories;
        _options = options;
        _logger = logger;
        int slots = Math.Max(1, options.Value.MaxConcurrentExtractions);
        _slots = new SemaphoreSlim(slots, slots);
    }

    /// <summary>What the cache holds for the URL, without running yt-dlp; <c>null</c> when nothing fresh.</summary>
    public async Task<ExtractedMedia?> FindAsync(
        Uri url, string owner, string? cookiesId, CancellationToken cancellationToken) =>
        (await _cache.GetAsync(ExtractionCache.Key(url, owner, cookiesId), cancellationToken))?.Media;

    /// <summary>
    /// What <paramref name="url"/> holds, fetched by <paramref name="owner"/> with their cookies file
    /// <paramref name="cookiesId"/>, if any.
    /// </summary>
    /// <exception cref="MediaToolException">yt-dlp failed, or took longer than the extraction time limit.</exception>
    /// <exception cref="CookiesMissingException">The cookies file was deleted meanwhile.</exception>
    public async Task<ExtractedMedia> GetAsync(
        Uri url, string owner, string? cookiesId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        string key = ExtractionCache.Key(url, owner, cookiesId);
        if (await _cache.GetAsync(key, cancellationToken) is { } cached)
        {
            _logger.LogInformation("Answering for {Url} from the extraction cache", LogSanitizer.StripQuery(url));
            return cached.Media;
        }

        TimeSpan limit = TimeSpan.FromSeconds(Math.Max(5, _options.Value.ExtractionTimeoutSeconds));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await _slots.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }

        try
        {
            ExtractedMedia media = await ExtractAsync(url, cookiesId, timeout.Token);
            await _cache.SetAsync(key, media, CancellationToken.None);
            return media;
        }
        catch (Exception e) when (
            e is OperationCanceledException or ToolStalledException && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private async Task<ExtractedMedia> ExtractAsync(Uri url, string? cookiesId, CancellationToken cancellationToken)
    {
        string workDir = _directories.Create(DirectoryPrefix + Guid.NewGuid().ToString("N"));
        CookiesCopy? cookiesCopy = null;
        try
        {
            if (cookiesId is not null)
            {
                cookiesCopy = await _cookies.CopyAsync(cookiesId, workDir, cancellationToken);
            }

            _logger.LogInformation("Extracting {Url} with yt-dlp", LogSanitizer.StripQuery(url));
            return await _ytDlp.DescribeAsync(url, workDir, log: null, cookiesCopy?.Path, cancellationToken);
        }
        catch (MediaToolException e)
        {
            _logger.LogWarning(
                "Extracting {Url} failed: {Tool} exited {ExitCode} ({ErrorCode}); stderr: {StandardError}",
                LogSanitizer.StripQuery(url),
                e.Tool,
                e.ExitCode,
                e.ErrorCode,
                LogSanitizer.Clean(Scrub(e.StandardErrorTail, workDir, cookiesCopy)));
            throw;
        }
        finally
        {
            cookiesCopy?.Dispose();
            WorkDirectories.DeleteQuietly(workDir, _logger);
        }
    }

    private static string Scrub(string text, string workDir, CookiesCopy? cookiesCopy)
    {
        text = text.Replace(workDir, ".", StringComparison.Ordinal);
        foreach (string secret in cookiesCopy?.Secrets ?? [])
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    private MediaToolException TimedOut() =>
        new(
            ToolLocator.YtDlp,
            null,
            ErrorCodes.Timeout,
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The site did not describe the media within {_options.Value.ExtractionTimeoutSeconds} s. " +
                $"Try again later."));
}
