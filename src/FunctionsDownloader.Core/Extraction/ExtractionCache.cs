using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Extraction;

/// <summary>
/// What yt-dlp said about a URL, kept for a few minutes in a private blob container that every
/// instance shares, so that a formats or metadata call followed by a download of the same URL runs
/// <c>yt-dlp -J</c> once. One blob per key (<see cref="Key"/>): the URL alone, or with cookies the
/// URL, the owner and the cookies id, so nothing seen with somebody's cookies reaches anybody else.
/// The cache only ever saves work: when storage fails, callers extract as if it were empty.
/// </summary>
public sealed class ExtractionCache(
    StorageAccount account,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<ExtractionCache> logger)
{
    // Part of every key: entries written in another shape are never read.
    private const string SchemaVersion = "v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CachedInitialization<BlobContainerClient> _container =
        new(() => account.PrivateContainerAsync(options.Value.ExtractionCacheContainer));

    /// <summary>Whether the cache is on (a lifetime above zero).</summary>
    public bool Enabled => options.Value.ExtractionCacheLifetime > TimeSpan.Zero;

    /// <summary>
    /// The key of <paramref name="url"/> fetched by <paramref name="owner"/> with <paramref name="cookiesId"/>
    /// (or none).
    /// </summary>
    public static string Key(Uri url, string owner, string? cookiesId)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(owner);

        string scope = cookiesId is null ? "public" : $"cookies\n{owner}\n{cookiesId}";
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{SchemaVersion}\n{scope}\n{url.AbsoluteUri}"));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The entry under <paramref name="key"/> while it is fresh, or <c>null</c>.</summary>
    public async Task<CachedExtraction?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        try
        {
            BlobClient blob = (await _container.GetAsync(cancellationToken)).GetBlobClient(BlobName(key));
            BinaryData content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
            CachedExtraction? entry = content.ToObjectFromJson<CachedExtraction>(Json);
            return entry is not null && IsFresh(entry.ExtractedAt) ? entry : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (e is RequestFailedException or JsonException or NotSupportedException)
        {
            logger.LogWarning(e, "Could not read the extraction cache entry {Key}; extracting again", key);
            return null;
        }
    }

    /// <summary>Keeps <paramref name="media"/> under <paramref name="key"/> from now on.</summary>
    public async Task<CachedExtraction> SetAsync(string key, ExtractedMedia media, CancellationToken cancellationToken)
    {
        var entry = new CachedExtraction(clock.GetUtcNow(), media);
        if (!Enabled)
        {
            return entry;
        }

        try
        {
            BlobClient blob = (await _container.GetAsync(cancellationToken)).GetBlobClient(BlobName(key));
            var upload = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            };
            await blob.UploadAsync(BinaryData.FromObjectAsJson(entry, Json), upload, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not write the extraction cache entry {Key}", key);
        }

        return entry;
    }

    /// <summary>
    /// Deletes entries past their lifetime; returns how many. Only the cache's own blobs: the container also
    /// keeps playlist listings, which live by their own lifetime and are swept by their own store.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await StaleBlobs.DeleteAsync(
            await _container.GetAsync(cancellationToken), SchemaVersion + "/", IsFresh, cancellationToken);

    private bool IsFresh(DateTimeOffset extractedAt) =>
        clock.GetUtcNow() - extractedAt < options.Value.ExtractionCacheLifetime;

    private static string BlobName(string key) => $"{SchemaVersion}/{key}.json";
}
