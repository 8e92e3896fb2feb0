using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>
/// Playlist listings and extraction results share one private container, and housekeeping sweeps each by
/// its own lifetime (<c>Batches:ListingCacheSeconds</c>, <c>Downloader:ExtractionCacheSeconds</c>).
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class ListingSweepTests(ServiceFixture service)
{
    [Theory(Timeout = 120_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Housekeeping_sweeps_listings_and_extraction_results_each_by_its_own_lifetime(bool listingsExpireFirst)
    {
        // Arrange: one of the two lives four seconds, the other an hour; housekeeping runs every second.
        string container = "extractions" + Guid.NewGuid().ToString("N")[..10];
        await using ExtraHost host = await ExtraHost.StartAsync(service, "listing-sweep", new Dictionary<string, string?>
        {
            ["Downloader:ExtractionCacheContainer"] = container,
            ["Downloader:CleanupSchedule"] = "* * * * * *",
            ["Batches:ListingCacheSeconds"] = Seconds(listingsExpireFirst ? 4 : 3600),
            ["Downloader:ExtractionCacheSeconds"] = Seconds(listingsExpireFirst ? 3600 : 4),
        });

        // Act: a preview stores a listing, a metadata call an extraction result; the short-lived one last.
        string preview = "/api/v1/playlist/preview?url=" + Uri.EscapeDataString(LocalMediaSite.FreshUrl(service.Site.PlaylistFeed).AbsoluteUri);
        string metadata = "/api/v1/metadata?url=" + Uri.EscapeDataString(LocalMediaSite.FreshUrl(service.Site.WatchPage).AbsoluteUri);
        foreach (string path in listingsExpireFirst ? new[] { metadata, preview } : [preview, metadata])
        {
            await GetAsync(host, path);
        }

        BlobContainerClient blobs = new BlobServiceClient(service.Azurite.ConnectionString).GetBlobContainerClient(container);
        Assert.Equal((1, 1), await CountAsync(blobs));
        (int Listings, int Extractions) left = await WaitUntilOneKindIsGoneAsync(blobs);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (int Listings, int Extractions) later = await CountAsync(blobs);

        // Assert: the short-lived kind went, the long-lived one stayed through several more sweeps.
        (int, int) expected = listingsExpireFirst ? (0, 1) : (1, 0);
        Assert.Equal(expected, left);
        Assert.Equal(expected, later);
    }

    private static string Seconds(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task GetAsync(ExtraHost host, string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<(int Listings, int Extractions)> CountAsync(BlobContainerClient blobs)
    {
        int listings = 0;
        int extractions = 0;
        await foreach (BlobItem blob in blobs.GetBlobsAsync())
        {
            if (blob.Name.StartsWith("listings/", StringComparison.Ordinal))
            {
                listings++;
            }
            else
            {
                extractions++;
            }
        }

        return (listings, extractions);
    }

    private static async Task<(int Listings, int Extractions)> WaitUntilOneKindIsGoneAsync(BlobContainerClient blobs)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        (int Listings, int Extractions) counts;
        do
        {
            await Task.Delay(500);
            counts = await CountAsync(blobs);
        }
        while (counts.Listings > 0 && counts.Extractions > 0 && DateTime.UtcNow < deadline);

        return counts;
    }
}
