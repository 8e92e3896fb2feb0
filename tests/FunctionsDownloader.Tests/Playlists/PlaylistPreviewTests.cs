using System.Globalization;
using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>Previews of playlists and channels through the Standalone host: the media site's feeds and pages.</summary>
[Collection(ServiceGroup.Name)]
public sealed class PlaylistPreviewTests(ServiceFixture service)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact(Timeout = 120_000)]
    public async Task Previewing_the_playlist_feed_pages_first_middle_last_and_past_the_end_from_one_listing()
    {
        // Arrange: a query of its own keeps this listing out of other tests' cache entries.
        Uri feed = BatchApi.Tagged(service.Site.PlaylistFeed, BatchApi.NewTag());

        // Act
        JsonElement first = await PreviewAsync("playlist", feed, page: 1, pageSize: 50);
        JsonElement middle = await PreviewAsync("playlist", feed, page: 2, pageSize: 50);
        JsonElement last = await PreviewAsync("playlist", feed, page: 3, pageSize: 50);
        JsonElement past = await PreviewAsync("playlist", feed, page: 4, pageSize: 50);

        // Assert
        foreach (JsonElement page in new[] { first, middle, last, past })
        {
            Assert.Equal(service.Site.PlaylistFeedCount, page.GetProperty("total_videos").GetInt32());
            Assert.Equal(3, page.GetProperty("total_pages").GetInt32());
            Assert.Equal(50, page.GetProperty("page_size").GetInt32());
            Assert.Equal(service.Site.PlaylistFeedTitle, page.GetProperty("playlist_title").GetString());
        }

        Assert.Equal(Enumerable.Range(1, 50), Indexes(first));
        Assert.Equal(Enumerable.Range(51, 50), Indexes(middle));
        Assert.Equal(Enumerable.Range(101, 20), Indexes(last));
        Assert.Empty(Indexes(past));
        Assert.Equal(4, past.GetProperty("page").GetInt32());

        JsonElement seventh = first.GetProperty("videos")[6];
        Assert.Equal("item-7", seventh.GetProperty("id").GetString());
        Assert.Equal(service.Site.ItemTitle(7), seventh.GetProperty("title").GetString());
        Assert.Equal(1, seventh.GetProperty("duration").GetDouble());
        Assert.DoesNotContain("#", seventh.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(
            service.Site.FeedItem(7).AbsoluteUri, seventh.GetProperty("url").GetString(), StringComparison.Ordinal);

        // Four pages, one listing: the feed was fetched once.
        Assert.Equal(1, service.Site.RequestCount(feed));
    }

    [Fact(Timeout = 120_000)]
    public async Task Previewing_the_large_feed_pages_all_five_hundred_entries()
    {
        // Arrange
        Uri feed = BatchApi.Tagged(service.Site.LargeFeed, BatchApi.NewTag());

        // Act
        JsonElement first = await PreviewAsync("playlist", feed, page: 1, pageSize: 100);
        JsonElement third = await PreviewAsync("playlist", feed, page: 3, pageSize: 100);
        JsonElement last = await PreviewAsync("playlist", feed, page: 5, pageSize: 100);
        JsonElement past = await PreviewAsync("playlist", feed, page: 6, pageSize: 100);
        JsonElement small = await PreviewAsync("playlist", feed, page: 167, pageSize: 3);

        // Assert
        Assert.Equal(500, first.GetProperty("total_videos").GetInt32());
        Assert.Equal(5, first.GetProperty("total_pages").GetInt32());
        Assert.Equal(Enumerable.Range(1, 100), Indexes(first));
        Assert.Equal(Enumerable.Range(201, 100), Indexes(third));
        Assert.Equal(Enumerable.Range(401, 100), Indexes(last));
        Assert.Equal(service.Site.ItemTitle(500), last.GetProperty("videos")[99].GetProperty("title").GetString());
        Assert.Empty(Indexes(past));
        Assert.Equal(167, small.GetProperty("total_pages").GetInt32());
        Assert.Equal([499, 500], Indexes(small));
        Assert.Equal(1, service.Site.RequestCount(feed));
    }

    [Fact(Timeout = 120_000)]
    public async Task Previewing_the_channel_shows_its_episodes_newest_first_with_their_dates()
    {
        // Act
        JsonElement page = await PreviewAsync("channel", service.Site.ChannelFeed, page: 1, pageSize: 5);

        // Assert
        Assert.Equal(service.Site.ChannelFeedCount, page.GetProperty("total_videos").GetInt32());
        Assert.Equal(service.Site.ChannelFeedTitle, page.GetProperty("playlist_title").GetString());
        JsonElement[] videos = [.. page.GetProperty("videos").EnumerateArray()];
        Assert.Equal(
            Enumerable.Range(8, 5).Reverse().Select(service.Site.EpisodeTitle),
            videos.Select(v => v.GetProperty("title").GetString()));
        Assert.Equal(
            Enumerable.Range(8, 5).Reverse().Select(n => service.Site.EpisodeDate(n).ToString("yyyy-MM-dd", Invariant)),
            videos.Select(v => v.GetProperty("upload_date").GetString()));
        Assert.All(videos, v => Assert.True(v.TryGetProperty("thumbnail", out _)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Previewing_a_page_with_several_videos_lists_each_of_them()
    {
        // Act
        JsonElement page = await PreviewAsync("playlist", service.Site.SeveralVideosPage, page: 1, pageSize: 10);

        // Assert
        Assert.Equal(3, page.GetProperty("total_videos").GetInt32());
        Assert.Equal(1, page.GetProperty("total_pages").GetInt32());
        Assert.Equal(service.Site.SeveralVideosTitle, page.GetProperty("playlist_title").GetString());
        JsonElement[] videos = [.. page.GetProperty("videos").EnumerateArray()];
        Assert.Equal([1, 2, 3], videos.Select(v => v.GetProperty("playlist_index").GetInt32()));
        Assert.Equal(
            service.Site.SeveralVideosSources.Select(u => u.AbsoluteUri),
            videos.Select(v => v.GetProperty("url").GetString()));
        Assert.All(videos, v => Assert.StartsWith(
            service.Site.SeveralVideosTitle, v.GetProperty("title").GetString(), StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Previewing_a_single_video_is_a_400_naming_the_url()
    {
        // Act
        using HttpResponseMessage response = await service.Http.GetAsync(
            $"/api/v1/playlist/preview?url={Uri.EscapeDataString(service.Site.DirectMp4.AbsoluteUri)}");

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal("url", problem.RootElement.GetProperty("field").GetString());
        string? detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains("not a playlist", detail, StringComparison.Ordinal);
    }

    private async Task<JsonElement> PreviewAsync(string kind, Uri url, int page, int pageSize)
    {
        using HttpResponseMessage response = await service.Http.GetAsync(
            $"/api/v1/{kind}/preview?url={Uri.EscapeDataString(url.AbsoluteUri)}&page={page}&page_size={pageSize}");
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"preview answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int[] Indexes(JsonElement page) =>
        [.. page.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("playlist_index").GetInt32())];
}
