using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;
using static FunctionsDownloader.Tests.Cookies.CookiesSamples;

namespace FunctionsDownloader.Tests.Cookies;

/// <summary>
/// <c>cookies_id</c> on the listing routes, end to end against the media site's members-only page of two
/// videos: previews, playlist, channel and batch downloads get in with the cookie, and without it they do not.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class CookiesListingTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task Previews_of_a_members_only_listing_need_the_callers_cookies_file()
    {
        // Arrange
        string cookiesId = await CookiesVaultTests.UploadAsync(service.Http, SiteCookies());
        Uri listing = BatchApi.Tagged(service.Site.PrivateListing, BatchApi.NewTag());

        foreach (string kind in new[] { "playlist", "channel" })
        {
            // Act
            using HttpResponseMessage without = await service.Http.GetAsync(
                $"/api/v1/{kind}/preview?url={Uri.EscapeDataString(listing.AbsoluteUri)}");
            using HttpResponseMessage with = await service.Http.GetAsync(
                $"/api/v1/{kind}/preview?url={Uri.EscapeDataString(listing.AbsoluteUri)}&cookies_id={cookiesId}");

            // Assert
            string refused = await without.Content.ReadAsStringAsync();
            Assert.True(without.StatusCode == HttpStatusCode.BadRequest, $"{kind} without cookies: {refused}");
            Assert.Equal("url", JsonDocument.Parse(refused).RootElement.GetProperty("field").GetString());

            string text = await with.Content.ReadAsStringAsync();
            Assert.True(with.StatusCode == HttpStatusCode.OK, $"{kind} with cookies: {text}");
            JsonElement page = JsonDocument.Parse(text).RootElement;
            Assert.Equal(2, page.GetProperty("total_videos").GetInt32());
            Assert.DoesNotContain(service.Site.PrivateCookieValue, text, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task Playlist_channel_and_batch_downloads_of_members_only_videos_complete_with_cookies()
    {
        // Arrange
        string cookiesId = await CookiesVaultTests.UploadAsync(service.Http, SiteCookies());
        Uri listing = BatchApi.Tagged(service.Site.PrivateListing, BatchApi.NewTag());

        // Act
        JsonElement playlist = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = listing, cookies_id = cookiesId, concurrent_limit = 2 });
        JsonElement channel = await service.CreateAsync(
            "/api/v1/channel/download", new { url = listing, limit = 1, cookies_id = cookiesId });
        JsonElement batch = await service.CreateAsync(
            "/api/v1/batch/download", new { urls = new[] { service.Site.PrivatePage }, cookies_id = cookiesId });
        JsonElement refused = await service.CreateAsync(
            "/api/v1/batch/download", new { urls = new[] { service.Site.PrivatePage } });

        // Assert
        foreach ((JsonElement created, int count) in new[] { (playlist, 2), (channel, 1), (batch, 1) })
        {
            JsonElement done = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);
            Assert.True(done.GetProperty("status").GetString() == "completed", $"batch did not complete: {done}");
            Assert.Equal(count, done.GetProperty("completed").GetInt32());
            Assert.DoesNotContain(service.Site.PrivateCookieValue, done.ToString(), StringComparison.Ordinal);
            foreach (JsonElement job in done.Jobs())
            {
                (Ffprobe.Result probe, _, HttpResponseMessage file) =
                    await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
                file.Dispose();
                Assert.Equal(1, probe.Count("video"));
            }
        }

        JsonElement failed = await service.WaitForBatchFinishAsync(refused.GetProperty("batch_id").GetString()!);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(1, failed.GetProperty("failed").GetInt32());
    }

    /// <summary>A cookies file with the media site's session cookie.</summary>
    private string SiteCookies() => Text(
        Header,
        Line(service.Site.PrivateCookieDomain, service.Site.PrivateCookieName, service.Site.PrivateCookieValue, 0));
}
