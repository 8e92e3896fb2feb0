using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Storage;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Tests.Extraction;

/// <summary>
/// The shared extraction cache: a formats or metadata call and a download of the same URL soon after
/// ask the site once for the description (the download itself still fetches); never across cookies.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class ExtractionCacheTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_download_after_a_metadata_call_resolves_from_the_cache()
    {
        // Arrange
        Uri page = LocalMediaSite.FreshUrl(service.Site.WatchPage);
        (HttpStatusCode status, _, _) = await service.GetJsonAsync(MetadataPath(page));
        Assert.Equal(HttpStatusCode.OK, status);

        // Act
        string requestId = await service.CreateDownloadAsync(page);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert: one fetch of the page for the metadata, one by the download's own yt-dlp run, none for resolving.
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        Assert.Equal(2, service.Site.RequestCount(page));
        Assert.Contains(
            await service.LogMessagesAsync(requestId), m => m.Contains("extraction cache", StringComparison.Ordinal));
        Assert.Equal(service.Site.WatchPageTitle, job.GetProperty("title").GetString());
        Assert.Equal(service.Site.DirectMp4Duration.TotalSeconds, job.GetProperty("duration").GetDouble(), 1);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_hls_download_after_a_formats_call_resolves_from_the_cache()
    {
        // Arrange
        Uri master = LocalMediaSite.FreshUrl(service.Site.HlsMaster);
        (HttpStatusCode status, _, _) = await service.GetJsonAsync(FormatsPath(master));
        Assert.Equal(HttpStatusCode.OK, status);

        // Act
        string requestId = await service.CreateDownloadAsync(master, new { quality = "360p" });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert: yt-dlp reads a master twice per run (to see its type, then to parse it): for the formats and
        // for the download's own run, not for resolving, which would make six.
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        Assert.Equal(4, service.Site.RequestCount(master));
        Assert.Contains(
            await service.LogMessagesAsync(requestId), m => m.Contains("extraction cache", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_live_stream_is_refused_even_when_a_formats_call_cached_it_first()
    {
        // Arrange: the cached entry does not say live; only the playlist that never ends does.
        Uri live = LocalMediaSite.FreshUrl(service.Site.LivePlaylist);
        (HttpStatusCode status, _, _) = await service.GetJsonAsync(FormatsPath(live));
        Assert.Equal(HttpStatusCode.OK, status);

        // Act
        string requestId = await service.CreateDownloadAsync(live);
        JsonElement job = await service.WaitForFinishAsync(requestId, TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("live_not_supported", job.GetProperty("error_code").GetString());
        Assert.Contains(
            await service.LogMessagesAsync(requestId), m => m.Contains("extraction cache", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_download_without_an_earlier_call_resolves_with_yt_dlp_and_fills_the_cache()
    {
        // Arrange
        Uri page = LocalMediaSite.FreshUrl(service.Site.WatchPage);

        // Act
        string requestId = await service.CreateDownloadAsync(page);
        JsonElement job = await service.WaitForFinishAsync(requestId);
        (HttpStatusCode status, _, _) = await service.GetJsonAsync(MetadataPath(page));

        // Assert: resolve and download fetched it; the metadata call after them did not.
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, service.Site.RequestCount(page));
    }

    [Fact(Timeout = 60_000)]
    public async Task What_was_extracted_with_cookies_is_never_answered_without_them_nor_kept_with_their_values()
    {
        // Arrange
        string cookiesId = await service.UploadSiteCookiesAsync();
        Uri page = LocalMediaSite.FreshUrl(service.Site.PrivatePage);
        string withCookiesPath = MetadataPath(page) + "&cookies_id=" + cookiesId;

        // Act
        (HttpStatusCode withCookies, JsonElement body, _) = await service.GetJsonAsync(withCookiesPath);
        (HttpStatusCode withoutCookies, _, _) = await service.GetJsonAsync(MetadataPath(page));
        (HttpStatusCode again, _, _) = await service.GetJsonAsync(withCookiesPath);

        // Assert
        Assert.Equal(HttpStatusCode.OK, withCookies);
        Assert.StartsWith(
            service.Site.PrivatePageTitle, body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, withoutCookies);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(2, service.Site.RequestCount(page));

        // The cache keeps no format URLs, no headers yt-dlp would send, no cookie values.
        var container = new BlobServiceClient(service.Azurite.ConnectionString).GetBlobContainerClient("extractions");
        var texts = new List<string>();
        await foreach (BlobItem item in container.GetBlobsAsync())
        {
            // Only this page's entries: other tests download the private video by its own URL.
            string text = (await container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString();
            if (text.Contains(page.AbsoluteUri, StringComparison.Ordinal))
            {
                texts.Add(text);
            }
        }

        Assert.NotEmpty(texts);
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(service.Site.PrivateCookieValue, text, StringComparison.Ordinal);
            Assert.DoesNotContain(service.Site.PrivateVideo.AbsoluteUri, text, StringComparison.Ordinal);
            Assert.DoesNotContain("http_headers", text, StringComparison.Ordinal);
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task An_entry_past_its_lifetime_is_not_answered_and_housekeeping_deletes_it()
    {
        // Arrange
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var options = Options.Create(new DownloaderOptions
        {
            ExtractionCacheSeconds = 300,
            ExtractionCacheContainer = "extractions" + Guid.NewGuid().ToString("N")[..8],
        });
        var cache = new ExtractionCache(
            StorageAccount.FromConnectionString(service.Azurite.ConnectionString),
            options,
            clock,
            NullLogger<ExtractionCache>.Instance);
        string key = ExtractionCache.Key(service.Site.WatchPage, "owner", cookiesId: null);
        var media = new ExtractedMedia(
            new MediaMetadata { Id = "watch", Title = "Watch", Extractor = "Generic" }, [], IsPlaylist: false);
        await cache.SetAsync(key, media, CancellationToken.None);

        // Act
        CachedExtraction? fresh = await cache.GetAsync(key, CancellationToken.None);
        int sweptWhileFresh = await cache.SweepAsync(CancellationToken.None);
        clock.Now += TimeSpan.FromMinutes(6);
        CachedExtraction? stale = await cache.GetAsync(key, CancellationToken.None);
        int swept = await cache.SweepAsync(CancellationToken.None);

        // Assert
        Assert.Equal("Watch", fresh?.Media.Metadata.Title);
        Assert.Equal(0, sweptWhileFresh);
        Assert.Null(stale);
        Assert.Equal(1, swept);
    }

    [Fact]
    public void Keys_differ_by_url_and_by_owner_and_cookies_file_only_when_cookies_are_used()
    {
        // Arrange
        var url = new Uri("https://example.com/watch?v=1");

        // Act
        string publicA = ExtractionCache.Key(url, "owner-a", cookiesId: null);
        string publicB = ExtractionCache.Key(url, "owner-b", cookiesId: null);
        string cookiesA = ExtractionCache.Key(url, "owner-a", "c1");
        string cookiesB = ExtractionCache.Key(url, "owner-b", "c1");
        string otherCookies = ExtractionCache.Key(url, "owner-a", "c2");
        string otherUrl = ExtractionCache.Key(new Uri("https://example.com/watch?v=2"), "owner-a", cookiesId: null);

        // Assert
        Assert.Equal(publicA, publicB);
        Assert.Equal(5, new[] { publicA, cookiesA, cookiesB, otherCookies, otherUrl }.Distinct().Count());
        Assert.Matches("^[0-9a-f]{64}$", publicA);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static string FormatsPath(Uri url) => "/api/v1/formats?url=" + Uri.EscapeDataString(url.AbsoluteUri);

    private static string MetadataPath(Uri url) => "/api/v1/metadata?url=" + Uri.EscapeDataString(url.AbsoluteUri);
}
