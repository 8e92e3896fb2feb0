using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Batches;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// Lists playlists and channels with yt-dlp and keeps each listing for a few minutes as a blob
/// (<c>listings/{hash}.json</c> in the private extraction cache container, swept by housekeeping once older
/// than <c>Batches:ListingCacheSeconds</c>),
/// keyed by owner, URL and cookies file: paging a preview does not list the playlist again, and a download
/// right after a preview selects from the listing the caller saw.
/// </summary>
public sealed class PlaylistListings(
    YtDlp ytDlp,
    CookiesStore cookies,
    StorageAccount account,
    IOptions<DownloaderOptions> downloaderOptions,
    WorkDirectories directories,
    JobLogStore logs,
    IOptions<BatchOptions> options,
    TimeProvider clock,
    ILogger<PlaylistListings> logger)
{
    private const string BlobPrefix = "listings/";

    private readonly CachedInitialization<BlobContainerClient> _container =
        new(() => account.PrivateContainerAsync(downloaderOptions.Value.ExtractionCacheContainer));

    /// <summary>
    /// The listing of <paramref name="url"/> (a fresh cached one if there is), or <c>null</c> when the URL is a
    /// single video. Uses the cookies file <paramref name="cookiesId"/> of <paramref name="owner"/> if given.
    /// </summary>
    /// <exception cref="Errors.MediaToolException">yt-dlp could not list the URL.</exception>
    /// <exception cref="Errors.CookiesMissingException">The cookies file is gone.</exception>
    public async Task<FlatPlaylist?> GetAsync(
        Uri url, string owner, string? cookiesId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        string key = Key(url, owner, cookiesId);
        BlobClient blob = (await _container.GetAsync(cancellationToken)).GetBlobClient(BlobPrefix + key + ".json");
        if (await ReadFreshAsync(blob, cancellationToken) is { } cached)
        {
            return cached;
        }

        FlatPlaylist? listing = await ListAsync(url, cookiesId, cancellationToken);
        if (listing is not null)
        {
            await WriteAsync(blob, listing, cancellationToken);
        }

        return listing;
    }

    /// <summary>Deletes listings past their lifetime; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await StaleBlobs.DeleteAsync(
            await _container.GetAsync(cancellationToken), BlobPrefix, IsFresh, cancellationToken);

    private bool IsFresh(DateTimeOffset listedAt) =>
        clock.GetUtcNow() - listedAt < TimeSpan.FromSeconds(options.Value.ListingCacheSeconds);

    private async Task<FlatPlaylist?> ListAsync(Uri url, string? cookiesId, CancellationToken cancellationToken)
    {
        string workDir = directories.Create("listing-" + Guid.NewGuid().ToString("N"));

        // The writer is never flushed: it only keeps cookie values and paths out of what reaches the host log.
        var log = new JobLogWriter(logs, clock, "listing");
        log.Redact(workDir, ".");
        try
        {
            using CookiesCopy? copy = cookiesId is null
                ? null
                : await cookies.CopyForJobAsync(cookiesId, workDir, log, cancellationToken);
            using JsonDocument json = await ytDlp.ListAsync(
                url, Math.Max(1, options.Value.MaxListingEntries), workDir, null, copy?.Path, cancellationToken);
            return FlatPlaylistReader.Read(json.RootElement);
        }
        catch (Errors.MediaToolException e)
        {
            logger.LogWarning(
                "Listing {Url} failed: {Tool} exited {ExitCode} ({ErrorCode}); stderr: {StandardError}",
                LogSanitizer.StripQuery(url),
                e.Tool,
                e.ExitCode,
                e.ErrorCode,
                LogSanitizer.Clean(log.Scrub(e.StandardErrorTail)));
            throw;
        }
        finally
        {
            WorkDirectories.DeleteQuietly(workDir, logger);
        }
    }

    private async Task<FlatPlaylist?> ReadFreshAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult content = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return IsFresh(content.Details.LastModified) ? content.Content.ToObjectFromJson<FlatPlaylist>() : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "A cached listing could not be read; listing again");
            return null;
        }
    }

    // A listing that cannot be cached is still a listing: the next page lists again.
    private async Task WriteAsync(BlobClient blob, FlatPlaylist listing, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(listing), overwrite: true, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not cache a listing ({Status})", e.Status);
        }
    }

    private static string Key(Uri url, string owner, string? cookiesId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\n{cookiesId}\n{url.AbsoluteUri}")));
}
